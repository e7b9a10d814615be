package dev.linr.e2e.workflow;

import com.google.gson.JsonObject;
import dev.linr.e2e.Indexes;
import dev.linr.e2e.ItemLines;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeded posts for the feed workflow: small-integer vectors (every dot product is exact in
 * float32), a {@code geo} and a {@code quality} in eighths (exact in float32), built into an index
 * archive, with the plain-Java brute force that retrieves like the index (ties to the item written
 * first).
 */
final class FeedCorpus {
  static final String[] GEOS = {"us", "ca", "de"};

  record Post(long id, int slot, float[] vector, String geo, double quality) {}

  /** A retrieved post and its retrieval score. */
  record Candidate(Post post, float score) {}

  final int dimension;
  final List<Post> posts = new ArrayList<>();

  private FeedCorpus(int dimension) {
    this.dimension = dimension;
  }

  /** {@code count} seeded posts, built into the index archive folder {@code folder}. */
  static FeedCorpus build(Path folder, int count, int dimension, long seed) throws IOException {
    FeedCorpus c = new FeedCorpus(dimension);
    Random r = new Random(seed);
    Path jsonl = folder.resolveSibling(folder.getFileName() + "-items.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        Post p =
            new Post(
                1000L + 7L * i, i, c.vector(r), GEOS[r.nextInt(GEOS.length)], r.nextInt(9) / 8.0);
        c.posts.add(p);
        JsonObject attributes = new JsonObject();
        attributes.addProperty("geo", p.geo());
        attributes.addProperty("quality", p.quality());
        out.write(ItemLines.of(p.id(), p.vector(), attributes));
        out.write('\n');
      }
    }
    Indexes.fromJsonl(jsonl, folder, Metric.DOT, StorageType.FLOAT32);
    return c;
  }

  float[] vector(Random r) {
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = r.nextInt(7) - 3;
    }
    return v;
  }

  /** The top {@code k} posts by dot product among those that pass, best first. */
  List<Candidate> retrieve(float[] query, int k, Predicate<Post> filter) {
    return posts.stream()
        .filter(filter)
        .map(p -> new Candidate(p, dot(query, p.vector())))
        .sorted(
            Comparator.comparingDouble((Candidate c) -> -c.score())
                .thenComparingInt(c -> c.post().slot()))
        .limit(k)
        .toList();
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
