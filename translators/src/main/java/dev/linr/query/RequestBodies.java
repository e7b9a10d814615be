package dev.linr.query;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The parts every request body parser shares: reading the text into a JSON tree, looking up a
 * member where JSON {@code null} counts as absent, and checking a batch's {@code queries} array.
 * Every problem is a {@link RequestParseException} naming the JSON path, as the parsers' contracts
 * promise. Stateless and thread-safe.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * Reads a request body given as text into a JSON tree (duplicate keys rejected, see {@link
   * JsonTrees#read}).
   *
   * @throws RequestParseException if the body is null ({@code "request body is missing"}), blank or
   *     not valid JSON; the field is the path of the problem, empty for the whole body
   */
  public static JsonElement read(String body) {
    if (body == null) {
      throw new RequestParseException("", "request body is missing");
    }
    try {
      return JsonTrees.read(body);
    } catch (JsonTrees.SyntaxError e) {
      String where = e.path.isEmpty() ? "request body" : e.path;
      throw new RequestParseException(e.path, where + " " + e.getMessage(), e.getCause());
    }
  }

  /** The member {@code name} of {@code o}, or null when it is absent or JSON {@code null}. */
  public static JsonElement present(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e;
  }

  /**
   * Checks the {@code queries} member of a batch: an array of 1 to {@code maxBatchSize} elements.
   *
   * @param queries the member's value, not null
   * @param elements what the array holds, for the message ({@code "query objects"})
   * @param counted what its size counts, for the message ({@code "queries"})
   * @throws RequestParseException with field {@code queries} if it is not an array, is empty or has
   *     more than {@code maxBatchSize} elements
   */
  public static JsonArray batch(
      JsonElement queries, int maxBatchSize, String elements, String counted) {
    if (!queries.isJsonArray()) {
      throw new RequestParseException(
          "queries",
          "queries must be an array of " + elements + ", got " + JsonTrees.describe(queries));
    }
    JsonArray array = queries.getAsJsonArray();
    if (array.isEmpty()) {
      throw new RequestParseException("queries", "queries must not be empty");
    }
    if (array.size() > maxBatchSize) {
      throw new RequestParseException(
          "queries",
          "queries has "
              + array.size()
              + " "
              + counted
              + ", at most "
              + maxBatchSize
              + " are allowed");
    }
    return array;
  }

  /**
   * The element {@code queries[i]} of a batch as a JSON object.
   *
   * @param what the element's kind, for the message ({@code "a query object"})
   * @throws RequestParseException with field {@code queries[i]} if the element is not an object
   */
  public static JsonObject batchElement(JsonArray queries, int i, String what) {
    String path = "queries[" + i + "]";
    JsonElement q = queries.get(i);
    if (!q.isJsonObject()) {
      throw new RequestParseException(
          path, path + " must be " + what + ", got " + JsonTrees.describe(q));
    }
    return q.getAsJsonObject();
  }
}
