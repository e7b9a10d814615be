package dev.linr.e2e.fused;

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
 * Items for the fused model tests: a vector, {@code geo} (a string, for filters), {@code level} (a
 * small int, missing on every eleventh item) and {@code quality} (a float, missing on every seventh
 * item), built into an index the way the command line does.
 */
final class FusedCorpus {
  static final String[] GEOS = {"us", "ca", "de", "in"};

  record Item(long id, float[] vector, String geo, Long level, Double quality) {}

  final int dimension;
  final List<Item> items = new ArrayList<>();

  private FusedCorpus(int dimension) {
    this.dimension = dimension;
  }

  /**
   * Vectors of multiples of 1/8 in [-1, 1], quality multiples of 1/8 in [0, 1], levels 0..9: with
   * such queries and a ranker of small dyadic weights every float32 sum is exact, in any order. Few
   * distinct values, so retrieval scores and ranker scores tie often.
   */
  static FusedCorpus dyadic(long seed, int count, int dimension) {
    SplittableRandom r = new SplittableRandom(seed);
    FusedCorpus c = new FusedCorpus(dimension);
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(-8, 9) / 8f;
      }
      c.add(i, v, r.nextInt(10), r.nextInt(0, 9) / 8.0);
    }
    return c;
  }

  /** Gaussian vectors and uniform qualities: ordinary float32 arithmetic. */
  static FusedCorpus gaussian(long seed, int count, int dimension) {
    SplittableRandom r = new SplittableRandom(seed);
    FusedCorpus c = new FusedCorpus(dimension);
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) Gaussians.next(r);
      }
      c.add(i, v, r.nextInt(10), r.nextDouble());
    }
    return c;
  }

  private void add(int i, float[] v, long level, double quality) {
    items.add(
        new Item(
            5000L + 7 * i,
            v,
            GEOS[i % GEOS.length],
            i % 11 == 5 ? null : level,
            i % 7 == 3 ? null : quality));
  }

  Path writeJsonl(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Item item : items) {
        JsonObject a = new JsonObject();
        a.addProperty("geo", item.geo());
        if (item.level() != null) {
          a.addProperty("level", item.level());
        }
        if (item.quality() != null) {
          a.addProperty("quality", item.quality());
        }
        out.write(ItemLines.of(item.id(), item.vector(), a));
        out.write('\n');
      }
    }
    return file;
  }

  /** Builds the index archive {@code dir/<name>}, with the serving translator jar. */
  BuildResult build(Path dir, String name, Metric metric, StorageType dtype) throws IOException {
    Path jsonl = writeJsonl(dir.resolve(name + ".jsonl"));
    return Indexes.fromJsonl(jsonl, dir.resolve(name.toLowerCase(Locale.ROOT)), metric, dtype);
  }
}
