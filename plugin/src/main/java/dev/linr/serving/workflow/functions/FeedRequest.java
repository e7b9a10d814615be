package dev.linr.serving.workflow.functions;

import ai.djl.modality.Input;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.query.JsonTrees;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.workflow.JsonInts;
import java.util.List;

/**
 * The request of a retrieval-then-ranking workflow: {@code {"vector": [...], "k": 100, "n": 10,
 * "filter": "geo = 'us'"}}. {@code k} is how many candidates retrieval returns (default the larger
 * of 100 and n), {@code n} how many hits the ranker answers (default 10), {@code filter} the
 * index's filter (default none). The vector's values and the filter are checked by the index, which
 * names them as they are named here.
 *
 * @param vector the query vector, as sent (numbers keep their text)
 * @param k candidates to retrieve, at least {@code n}
 * @param n hits to answer, at least 1
 * @param filter the filter, or null for none
 */
record FeedRequest(JsonArray vector, int k, int n, String filter) {
  static final int DEFAULT_K = 100;
  static final int DEFAULT_N = 10;
  private static final List<String> FIELDS = List.of("vector", "k", "n", "filter");

  /**
   * Reads the request.
   *
   * @throws BadRequestException naming the field: no vector, a batch ({@code queries}), an unknown
   *     field, n below 1, k below n
   */
  static FeedRequest parse(Input request) {
    JsonObject o = JsonBodies.object(request, "request body");
    if (o.has("queries")) {
      throw new BadRequestException(
          "queries: a workflow answers one query per request; send {\"vector\": [...], \"n\":"
              + " 10} without queries");
    }
    for (String key : o.keySet()) {
      if (!FIELDS.contains(key)) {
        throw new BadRequestException(
            "unknown field '" + key + "'; valid fields: " + String.join(", ", FIELDS));
      }
    }
    JsonElement v = present(o, "vector");
    if (v == null) {
      throw new BadRequestException("vector is required: an array of numbers");
    }
    if (!v.isJsonArray() || v.getAsJsonArray().isEmpty()) {
      throw new BadRequestException(
          "vector must be a non-empty array of numbers, got "
              + (v.isJsonArray() ? "an empty array" : JsonTrees.describe(v)));
    }
    int n = integer(o, "n", 1, DEFAULT_N);
    int k = integer(o, "k", 1, Math.max(DEFAULT_K, n));
    if (k < n) {
      throw new BadRequestException(
          "k must be at least n ("
              + n
              + "): retrieval must find every hit the ranker answers, got: "
              + k);
    }
    JsonElement f = present(o, "filter");
    if (f != null && (!f.isJsonPrimitive() || !f.getAsJsonPrimitive().isString())) {
      throw new BadRequestException(
          "filter must be a string such as \"geo = 'us'\", got " + JsonTrees.describe(f));
    }
    return new FeedRequest(v.getAsJsonArray(), k, n, f == null ? null : f.getAsString());
  }

  private static int integer(JsonObject o, String field, int min, int absent) {
    JsonElement e = present(o, field);
    if (e == null) {
      return absent;
    }
    try {
      return JsonInts.parse(e, min, Integer.MAX_VALUE);
    } catch (IllegalArgumentException ex) {
      throw new BadRequestException(field + " " + ex.getMessage(), ex);
    }
  }

  private static JsonElement present(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e;
  }
}
