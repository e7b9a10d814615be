package dev.linr.e2e.rank;

import com.google.gson.JsonObject;
import dev.linr.e2e.Gaussians;
import dev.linr.e2e.Indexes;
import dev.linr.e2e.ItemLines;
import dev.linr.index.BuildResult;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Items with an id, a vector and a numeric {@code quality} attribute (left out for every seventh
 * item), written as JSON Lines and built into an index the way the command line does.
 */
final class RankCorpus {
  record Item(long id, float[] vector, Double quality) {}

  final int dimension;
  final List<Item> items = new ArrayList<>();

  private RankCorpus(int dimension) {
    this.dimension = dimension;
  }

  /**
   * Gaussian vectors with a few values in float16's subnormal range and beyond bfloat16's
   * precision, so that rounding to the storage type shows.
   */
  static RankCorpus gaussian(long seed, int count, int dimension) {
    SplittableRandom r = new SplittableRandom(seed);
    RankCorpus c = new RankCorpus(dimension);
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) Gaussians.next(r);
      }
      v[i % dimension] = (float) (r.nextDouble(-1, 1) * 1e-6);
      c.items.add(new Item(1000L + 3 * i, v, i % 7 == 3 ? null : r.nextDouble(0, 1)));
    }
    return c;
  }

  /**
   * Vectors whose values are multiples of 1/4 in [-1, 1] and quality multiples of 1/8 in [0, 1]:
   * products with such a query and sums of few of them are exact in float32.
   */
  static RankCorpus dyadic(long seed, int count, int dimension) {
    SplittableRandom r = new SplittableRandom(seed);
    RankCorpus c = new RankCorpus(dimension);
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(-4, 5) / 4f;
      }
      c.items.add(new Item(1000L + 3 * i, v, i % 7 == 3 ? null : r.nextInt(0, 9) / 8.0));
    }
    return c;
  }

  Item byId(Object id) {
    long want = (Long) id;
    return items.get((int) ((want - 1000L) / 3));
  }

  Path writeJsonl(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Item item : items) {
        JsonObject attributes = new JsonObject();
        if (item.quality() != null) {
          attributes.addProperty("quality", item.quality());
        }
        out.write(ItemLines.of(item.id(), item.vector(), attributes));
        out.write('\n');
      }
    }
    return file;
  }

  BuildResult build(Path dir, Metric metric, StorageType dtype) throws IOException {
    String name = ("idx_" + metric + "_" + dtype).toLowerCase(Locale.ROOT);
    Path jsonl = writeJsonl(dir.resolve(name + ".jsonl"));
    return Indexes.fromJsonl(jsonl, dir.resolve(name), metric, dtype);
  }
}
