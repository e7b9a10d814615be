package dev.linr.query;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link SearchResponseWriter} writes back into {@link SearchResponse}s, for clients and
 * tests. Thread-safe.
 *
 * <p>Numbers come back as written: ids written as numbers become Longs, scores Floats (parsed from
 * the decimal, so a written score reads back as the same float), attribute and stat numbers Longs
 * when written without a fraction or exponent and Doubles otherwise. A response whose hits carry
 * {@code "attributes"} reads back with {@link SearchResponse#attributesIncluded()} set; a hit's
 * {@code "vector"} reads back as the same floats. Unknown fields are ignored (servers may add
 * some); malformed bodies are {@link IllegalArgumentException}s naming the path.
 */
public final class SearchResponseParser {
  /** Parses a UTF-8 body. */
  public ParsedResponses parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Parses a body given as text. */
  public ParsedResponses parse(String body) {
    try {
      return parse(JsonTrees.read(body));
    } catch (JsonTrees.SyntaxError e) {
      throw new IllegalArgumentException(
          (e.path.isEmpty() ? "response body" : e.path) + " " + e.getMessage(), e);
    }
  }

  /** Parses a body that is already a JSON tree. */
  public ParsedResponses parse(JsonElement body) {
    JsonObject root = object(body, "response body");
    JsonElement responses = root.get("responses");
    if (responses == null) {
      return new ParsedResponses(List.of(response(root, "")), false);
    }
    JsonArray a = array(responses, "responses");
    List<SearchResponse> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String path = "responses[" + i + "]";
      out.add(response(object(a.get(i), path), path + "."));
    }
    return new ParsedResponses(out, true);
  }

  private static SearchResponse response(JsonObject o, String prefix) {
    SearchResponse.Builder b = SearchResponse.builder();
    JsonArray hits = array(required(o, prefix, "hits"), prefix + "hits");
    boolean attributes = false;
    for (int i = 0; i < hits.size(); i++) {
      String path = prefix + "hits[" + i + "]";
      JsonElement h = hits.get(i);
      b.addHit(hit(h, path));
      JsonElement ae = h.getAsJsonObject().get("attributes");
      attributes |= ae != null && !ae.isJsonNull();
    }
    b.optAttributesIncluded(attributes);
    JsonElement matched = required(o, prefix, "matched");
    try {
      b.setMatched(new BigDecimal(number(matched, prefix + "matched").toString()).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(prefix + "matched must be an integer, got: " + matched, e);
    }
    JsonElement stats = o.get("stats");
    if (stats != null && !stats.isJsonNull()) {
      for (Map.Entry<String, JsonElement> e : object(stats, prefix + "stats").entrySet()) {
        b.optStat(e.getKey(), scalar(e.getValue(), prefix + "stats." + e.getKey()));
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (prefix.isEmpty() ? "response" : prefix.substring(0, prefix.length() - 1))
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Reads one hit object, as a response's {@code hits} array holds them: {@code id} (a string or a
   * 64-bit integer) and {@code score} (a number) are required, {@code attributes} and {@code
   * vector} optional; other fields are ignored.
   *
   * @param path the JSON path of the hit, such as {@code hits[3]}, for error messages
   * @throws RequestParseException naming the offending value's path
   */
  public static Hit hit(JsonElement e, String path) {
    JsonObject h = object(e, path);
    Object id = id(required(h, path + ".", "id"), path + ".id");
    float score = number(required(h, path + ".", "score"), path + ".score").floatValue();
    Map<String, Object> attrs = new LinkedHashMap<>();
    JsonElement ae = h.get("attributes");
    if (ae != null && !ae.isJsonNull()) {
      for (Map.Entry<String, JsonElement> a : object(ae, path + ".attributes").entrySet()) {
        String p = path + ".attributes." + a.getKey();
        if (a.getValue().isJsonArray()) {
          List<Object> values = new ArrayList<>();
          JsonArray va = a.getValue().getAsJsonArray();
          for (int j = 0; j < va.size(); j++) {
            values.add(scalar(va.get(j), p + "[" + j + "]"));
          }
          attrs.put(a.getKey(), values);
        } else {
          attrs.put(a.getKey(), scalar(a.getValue(), p));
        }
      }
    }
    JsonElement ve = h.get("vector");
    float[] vector =
        ve == null || ve.isJsonNull() ? null : JsonNumbers.vector(ve, path + ".vector", 0);
    try {
      return new Hit(id, score, attrs, vector);
    } catch (IllegalArgumentException ex) {
      throw new RequestParseException(path, path + ": " + ex.getMessage(), ex);
    }
  }

  private static Object id(JsonElement e, String path) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return e.getAsString();
    }
    try {
      return new BigDecimal(number(e, path).toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException ex) {
      throw new RequestParseException(
          path, path + " must be a string or a 64-bit integer, got " + JsonTrees.describe(e), ex);
    }
  }

  private static Object scalar(JsonElement e, String path) {
    if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      if (p.isString()) {
        return p.getAsString();
      }
      if (p.isBoolean()) {
        return p.getAsBoolean();
      }
      String text = p.getAsString();
      if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException ex) {
          // too large for a long: fall through to double
        }
      }
      return Double.parseDouble(text);
    }
    throw new RequestParseException(
        path, path + " must be a string, number or boolean, got " + JsonTrees.describe(e));
  }

  private static Number number(JsonElement e, String path) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      return e.getAsNumber();
    }
    throw new RequestParseException(path, path + " must be a number, got " + JsonTrees.describe(e));
  }

  private static JsonElement required(JsonObject o, String prefix, String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw new RequestParseException(prefix + name, prefix + name + " is required");
    }
    return e;
  }

  private static JsonObject object(JsonElement e, String path) {
    if (e == null || !e.isJsonObject()) {
      throw new RequestParseException(
          path, path + " must be an object, got " + JsonTrees.describe(e));
    }
    return e.getAsJsonObject();
  }

  private static JsonArray array(JsonElement e, String path) {
    if (!e.isJsonArray()) {
      throw new RequestParseException(
          path, path + " must be an array, got " + JsonTrees.describe(e));
    }
    return e.getAsJsonArray();
  }
}
