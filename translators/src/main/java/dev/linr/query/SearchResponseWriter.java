package dev.linr.query;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes responses as JSON: {@code {"hits": [{"id": 42, "score": 0.93}], "matched": 1234}} for one
 * query, {@code {"responses": [{...}, ...]}} (in request order) for a batch. Thread-safe.
 *
 * <p>Each hit is {@code {"id": ..., "score": ...}}, plus {@code "attributes": {...}} when the
 * response {@link SearchResponse#attributesIncluded() includes attributes} and {@code "vector":
 * [...]} when the hit {@link Hit#hasVector() carries its vector} (each value as its shortest float
 * decimal, so it reads back as the same float). Int ids are JSON numbers, string ids JSON strings.
 * Scores are written as the float's shortest decimal ({@code 0.93f} as {@code 0.93}, not {@code
 * 0.9300000071525879}). {@code "stats"} is written only when non-empty. Output is compact, without
 * HTML escaping.
 */
public final class SearchResponseWriter {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /**
   * The body for the responses to a parsed request.
   *
   * @param batch whether the request was a batch ({@link ParsedRequests#batch()}); if not, there
   *     must be exactly one response
   * @throws IllegalStateException if a hit has a non-finite score
   */
  public String write(List<SearchResponse> responses, boolean batch) {
    return GSON.toJson(toJson(responses, batch));
  }

  /** {@link #write(List, boolean)} as UTF-8 bytes. */
  public byte[] writeBytes(List<SearchResponse> responses, boolean batch) {
    return write(responses, batch).getBytes(StandardCharsets.UTF_8);
  }

  /** The body for one (non-batch) response. */
  public String write(SearchResponse response) {
    return GSON.toJson(toJson(response));
  }

  /** The JSON tree of {@link #write(List, boolean)}. */
  public JsonElement toJson(List<SearchResponse> responses, boolean batch) {
    Objects.requireNonNull(responses, "responses");
    if (!batch) {
      if (responses.size() != 1) {
        throw new IllegalArgumentException(
            "a single (non-batch) request has exactly one response, got: " + responses.size());
      }
      return toJson(responses.get(0));
    }
    JsonArray a = new JsonArray(responses.size());
    for (SearchResponse r : responses) {
      a.add(toJson(r));
    }
    JsonObject o = new JsonObject();
    o.add("responses", a);
    return o;
  }

  /**
   * One response object.
   *
   * @throws IllegalStateException if a hit has a non-finite score (drop masked-out hits first)
   */
  public JsonObject toJson(SearchResponse response) {
    JsonArray hits = new JsonArray(response.hits().size());
    List<Hit> list = response.hits();
    for (int i = 0; i < list.size(); i++) {
      hits.add(hit(list.get(i), i, response.attributesIncluded()));
    }
    JsonObject o = new JsonObject();
    o.add("hits", hits);
    o.addProperty("matched", response.matched());
    if (!response.stats().isEmpty()) {
      JsonObject stats = new JsonObject();
      response.stats().forEach((k, v) -> stats.add(k, scalar(v)));
      o.add("stats", stats);
    }
    return o;
  }

  private static JsonObject hit(Hit hit, int index, boolean withAttributes) {
    if (!Float.isFinite(hit.score())) {
      throw new IllegalStateException(
          "hit "
              + index
              + " (id "
              + hit.id()
              + ") has score "
              + hit.score()
              + "; hits with non-finite scores must be dropped before writing");
    }
    JsonObject o = new JsonObject();
    o.add(
        "id",
        hit.id() instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Long) hit.id()));
    o.add("score", new JsonPrimitive(hit.score())); // a Float: written as Float.toString
    if (withAttributes) {
      o.add("attributes", attributes(hit.attributes()));
    }
    if (hit.hasVector()) {
      float[] v = hit.vector();
      JsonArray a = new JsonArray(v.length);
      for (float x : v) {
        a.add(new JsonPrimitive(x)); // a Float: its shortest decimal, which reads back exactly
      }
      o.add("vector", a);
    }
    return o;
  }

  /**
   * The JSON object of a hit's attributes ({@link Hit#attributes()}): scalars as JSON scalars,
   * multi-valued attributes as arrays.
   */
  public static JsonObject attributes(Map<String, Object> attributes) {
    JsonObject attrs = new JsonObject();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (e.getValue() instanceof List<?> values) {
        JsonArray a = new JsonArray(values.size());
        values.forEach(v -> a.add(scalar(v)));
        attrs.add(e.getKey(), a);
      } else {
        attrs.add(e.getKey(), scalar(e.getValue()));
      }
    }
    return attrs;
  }

  /** String, Boolean, Long or Double (the only scalar types Hit and SearchResponse hold). */
  private static JsonPrimitive scalar(Object v) {
    if (v instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return new JsonPrimitive((Number) v);
  }
}
