package dev.linr.serving.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
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

/**
 * A small index archive built with {@link IndexBuilder} from seeded items with small-integer
 * vectors (dot products are exact in float32) and the attributes {@code geo} and {@code quality},
 * with the plain-Java brute force that answers like it (ties to the item written first).
 */
final class SmallIndex {
  static final int DIMENSION = 5;
  private static final String[] GEOS = {"us", "ca", "de"};

  record Item(long id, int slot, float[] vector, String geo, double quality) {}

  final List<Item> items = new ArrayList<>();
  final Path folder;

  private SmallIndex(Path folder) {
    this.folder = folder;
  }

  static SmallIndex build(Path dir, String name, int count, long seed) throws IOException {
    SmallIndex index = new SmallIndex(dir.resolve(name));
    Random r = new Random(seed);
    Path jsonl = dir.resolve(name + "-items.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        Item item =
            new Item(
                500L + 3L * i, i, vector(r), GEOS[r.nextInt(GEOS.length)], r.nextInt(100) / 100.0);
        index.items.add(item);
        JsonObject o = new JsonObject();
        o.addProperty("id", item.id());
        o.add("vector", json(item.vector()));
        JsonObject attributes = new JsonObject();
        attributes.addProperty("geo", item.geo());
        attributes.addProperty("quality", item.quality());
        o.add("attributes", attributes);
        out.write(o.toString());
        out.write('\n');
      }
    }
    IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(jsonl))
        .setOutput(index.folder)
        .optMetric(Metric.DOT)
        .optDtype(StorageType.FLOAT32)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
    return index;
  }

  static float[] vector(Random r) {
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = r.nextInt(7) - 3;
    }
    return v;
  }

  static JsonArray json(float[] v) {
    JsonArray a = new JsonArray();
    for (float x : v) {
      a.add(x);
    }
    return a;
  }

  /** The ids of the top {@code k} by dot product among items with {@code geo} (null: all). */
  List<Long> topIds(float[] query, int k, String geo) {
    return items.stream()
        .filter(it -> geo == null || geo.equals(it.geo()))
        .sorted(
            Comparator.comparingDouble((Item it) -> -dot(query, it.vector()))
                .thenComparingInt(Item::slot))
        .limit(k)
        .map(Item::id)
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
