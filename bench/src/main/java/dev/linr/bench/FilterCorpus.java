package dev.linr.bench;

import dev.linr.demo.DemoCorpus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The filtered benchmark's data: {@link DemoCorpus} vectors (written as a {@code .npy} for linr),
 * their cosine-normalised copies (exactly the values a cosine linr index stores, for Lucene and the
 * brute force), an int {@code bucket} per item (each of the {@link FilterCase#BUCKETS} values
 * equally often, shuffled) and queries near the corpus topics.
 */
final class FilterCorpus {
  final int items;
  final int dim;
  final Path npy;
  final Path metadata;

  /** Unit vectors, row-major. */
  final float[] unit;

  final int[] bucket;
  final float[][] queries;

  private FilterCorpus(
      int items, int dim, Path npy, Path metadata, float[] unit, int[] bucket, float[][] queries) {
    this.items = items;
    this.dim = dim;
    this.npy = npy;
    this.metadata = metadata;
    this.unit = unit;
    this.bucket = bucket;
    this.queries = queries;
  }

  static FilterCorpus generate(Path work, int items, int dim, int queryCount) throws IOException {
    DemoCorpus corpus = new DemoCorpus(dim, 64, 7);
    Path npy = work.resolve("vectors.npy");
    Path demoMeta = work.resolve("demo-items.jsonl");
    corpus.writeNpy(npy, demoMeta, items);
    Files.delete(demoMeta);
    float[] unit = NpyReader.read(npy, items, dim);
    for (int r = 0; r < items; r++) {
      normalise(unit, r * dim, dim);
    }
    int[] bucket = buckets(items, new SplittableRandom(11));
    Path metadata = work.resolve("items.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(metadata, StandardCharsets.UTF_8)) {
      for (int r = 0; r < items; r++) {
        // Ids are 1..N in input order, so slot = id - 1.
        out.write("{\"id\":" + (r + 1) + ",\"attributes\":{\"bucket\":" + bucket[r] + "}}\n");
      }
    }
    float[][] queries = new float[queryCount][];
    for (int i = 0; i < queryCount; i++) {
      queries[i] = corpus.queryNear(i, 1000 + i);
    }
    return new FilterCorpus(items, dim, npy, metadata, unit, bucket, queries);
  }

  /** Each bucket value equally often (exactly, when items is a multiple of BUCKETS), shuffled. */
  private static int[] buckets(int items, SplittableRandom r) {
    int[] b = new int[items];
    for (int i = 0; i < items; i++) {
      b[i] = i % FilterCase.BUCKETS;
    }
    for (int i = items - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return b;
  }

  /** Scales in place the way linr's builder does for cosine (double norm, float product). */
  static void normalise(float[] v, int from, int dim) {
    double norm = 0;
    for (int i = from; i < from + dim; i++) {
      norm += (double) v[i] * v[i];
    }
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (int i = from; i < from + dim; i++) {
      v[i] = (float) (v[i] * scale);
    }
  }

  /** A unit copy of query {@code i}. */
  float[] unitQuery(int i) {
    float[] q = queries[i].clone();
    normalise(q, 0, dim);
    return q;
  }

  /** Number of items passing {@code c}. */
  long passing(FilterCase c) {
    long n = 0;
    for (int b : bucket) {
      if (c.passes(b)) {
        n++;
      }
    }
    return n;
  }
}
