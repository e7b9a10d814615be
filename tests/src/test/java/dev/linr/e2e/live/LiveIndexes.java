package dev.linr.e2e.live;

import dev.linr.e2e.FilterCorpus;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** Corpora and archives for the live update suites. */
final class LiveIndexes {
  private LiveIndexes() {}

  /** The filter corpus's attributes with small-integer vectors (exact scores, many ties). */
  static TestCorpus corpus(long seed, int count, int dimension) {
    TestCorpus attributes = FilterCorpus.create(seed, count, dimension);
    Random r = new Random(seed + 1);
    TestCorpus c = new TestCorpus(dimension);
    for (TestCorpus.TestItem item : attributes.items) {
      c.add(item.id(), integerVector(r, dimension), item.attributes());
    }
    return c;
  }

  static float[] integerVector(Random r, int dimension) {
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = r.nextInt(7) - 3;
    }
    return v;
  }

  /** A random item's attributes as the filter corpus makes them. */
  static Map<String, Object> attributes(Random r) {
    return FilterCorpus.create(r.nextLong(), 1, 1).items.get(0).attributes();
  }

  static BuildResult build(
      TestCorpus corpus, Path dir, Metric metric, StorageType dtype, long capacity)
      throws IOException {
    Path jsonl = corpus.writeJsonl(dir.resolve("items.jsonl"));
    return IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(jsonl))
        .setOutput(dir.resolve("index"))
        .optMetric(metric)
        .optDtype(dtype)
        .optCapacity(capacity)
        .build()
        .run();
  }
}
