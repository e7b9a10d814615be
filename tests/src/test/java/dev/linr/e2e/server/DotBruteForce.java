package dev.linr.e2e.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plain-Java reference for a float32 dot-product index: every item's score in double precision,
 * best first, ties by input order.
 */
final class DotBruteForce {
  private record Item(long id, float[] vector, int slot) {}

  private final List<Item> items = new ArrayList<>();

  DotBruteForce(Path jsonl) throws IOException {
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      JsonArray v = o.getAsJsonArray("vector");
      float[] vector = new float[v.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = v.get(i).getAsFloat();
      }
      items.add(new Item(o.get("id").getAsLong(), vector, items.size()));
    }
  }

  /** The ids of the top {@code k} items for a query. */
  List<Long> topIds(float[] query, int k) {
    return items.stream()
        .sorted(
            Comparator.comparingDouble((Item it) -> -dot(query, it.vector()))
                .thenComparingInt(Item::slot))
        .limit(k)
        .map(Item::id)
        .toList();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
