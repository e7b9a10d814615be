package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.ServingProperties;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small index archive built with {@link IndexBuilder} from seeded items, and the plain-Java brute
 * force that answers the same queries. Vectors hold small integers, so every dot product is exact
 * in float32 and ties are real; ties go to the item written first, as in the index.
 */
final class TestIndex {
  static final int DIMENSION = 6;
  static final String[] GEOS = {"us", "ca", "de"};

  /** One item as the test knows it; {@code slot} is its input position. */
  record Item(long id, int slot, float[] vector, String geo) {}

  /** A hit as the answer and the brute force give it. */
  record Hit(long id, float score) {}

  /** One answer: the hits and the number of items that passed the filter. */
  record Answer(List<Hit> hits, long matched) {}

  final List<Item> items = new ArrayList<>();
  final Path folder;

  private TestIndex(Path folder) {
    this.folder = folder;
  }

  /** Builds {@code count} items into {@code dir/name}. */
  static TestIndex build(Path dir, String name, int count, long seed) throws IOException {
    TestIndex index = new TestIndex(dir.resolve(name));
    Random r = new Random(seed);
    Path jsonl = dir.resolve(name + "-items.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        float[] v = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
          v[j] = r.nextInt(7) - 3;
        }
        Item item = new Item(10_000L + 7L * i, i, v, GEOS[r.nextInt(GEOS.length)]);
        index.items.add(item);
        JsonObject o = new JsonObject();
        o.addProperty("id", item.id());
        JsonArray a = new JsonArray();
        for (float x : v) {
          a.add(x);
        }
        o.add("vector", a);
        JsonObject attributes = new JsonObject();
        attributes.addProperty("geo", item.geo());
        o.add("attributes", attributes);
        out.write(o.toString());
        out.write('\n');
      }
    }
    BuildResult built =
        IndexBuilder.builder()
            .setItems(ItemFiles.jsonl(jsonl))
            .setOutput(index.folder)
            .optMetric(Metric.DOT)
            .optDtype(StorageType.FLOAT32)
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run();
    if (built.count() != count) {
      throw new IllegalStateException("built " + built.count() + " items, expected " + count);
    }
    return index;
  }

  /** The top {@code k} by dot product among items with {@code geo} (null for all). */
  Answer bruteForce(float[] query, int k, String geo) {
    List<Item> passing = new ArrayList<>();
    for (Item item : items) {
      if (geo == null || geo.equals(item.geo())) {
        passing.add(item);
      }
    }
    List<Hit> hits = new ArrayList<>();
    passing.stream()
        .sorted(
            Comparator.comparingDouble((Item it) -> -dot(query, it.vector()))
                .thenComparingInt(Item::slot))
        .limit(k)
        .forEach(it -> hits.add(new Hit(it.id(), dot(query, it.vector()))));
    return new Answer(hits, passing.size());
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A seeded query vector of small integers. */
  static float[] query(Random r) {
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = r.nextInt(7) - 3;
    }
    return v;
  }

  /** A single-query body. */
  static String body(float[] vector, int k, String geo) {
    JsonObject o = queryObject(vector, k, geo);
    return o.toString();
  }

  static JsonObject queryObject(float[] vector, int k, String geo) {
    JsonObject o = new JsonObject();
    JsonArray a = new JsonArray();
    for (float x : vector) {
      a.add(x);
    }
    o.add("vector", a);
    o.addProperty("k", k);
    if (geo != null) {
      o.addProperty("filter", "geo = '" + geo + "'");
    }
    return o;
  }

  /** An input whose {@code data} entry is {@code body}, as the HTTP layer builds it. */
  static Input input(String body) {
    Input in = new Input();
    in.add("data", body.getBytes(StandardCharsets.UTF_8));
    return in;
  }

  static String text(Output out) {
    return out.getData().getAsString();
  }

  /** The hits and matched count of a single-query answer. */
  static Answer parse(String json) {
    return answer(JsonParser.parseString(json).getAsJsonObject());
  }

  static Answer answer(JsonObject o) {
    List<Hit> hits = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("hits")) {
      JsonObject h = e.getAsJsonObject();
      hits.add(new Hit(h.get("id").getAsLong(), h.get("score").getAsFloat()));
    }
    return new Answer(hits, o.get("matched").getAsLong());
  }

  /** A copy of the archive folder at {@code target}. */
  Path copyTo(Path target) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = target.resolve(folder.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  /** Sets keys of a folder's serving.properties, keeping the others. */
  static void setProperties(Path folder, String... keyValues) throws IOException {
    ServingProperties p = ServingProperties.read(folder);
    for (int i = 0; i < keyValues.length; i += 2) {
      p.set(keyValues[i], keyValues[i + 1]);
    }
    p.write(folder);
  }

  /** The TorchScript file of an index archive folder. */
  static Path modelFile(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".pt")).findFirst().orElseThrow();
    }
  }

  static void write(Path file, String text) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(text);
    }
  }
}
