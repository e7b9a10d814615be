package dev.linr.rank;

import static dev.linr.query.RequestBodies.present;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.linr.query.JsonNumbers;
import dev.linr.query.JsonTrees;
import dev.linr.query.RequestBodies;
import dev.linr.query.RequestParseException;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchRequestParser;
import java.util.List;

/**
 * Reads the body of a request to a fused model: {@code {"vector": [...], "k": 100, "n": 10,
 * "filter": "geo = 'us'"}}, the retrieval-then-ranking workflow's request. {@code n} defaults to
 * {@value FusedRequest#DEFAULT_N}, {@code k} to the larger of {@value FusedRequest#DEFAULT_K} and n
 * (at most the largest k), {@code filter} to none; an explicit {@code null} counts as absent. The
 * vector, k and filter are read by the index's own {@link SearchRequestParser}, so they are checked
 * and named as in a search. Thread-safe and reusable.
 *
 * <p>Every problem is a {@link RequestParseException} naming the field: a body that is not a JSON
 * object (duplicate keys included), a batch ({@code queries}), an unknown field, n not an integer
 * in [1, largest k], k below n, and whatever the search parser refuses.
 */
public final class FusedRequestParser {
  private static final List<String> FIELDS = List.of("vector", "k", "n", "filter");

  private final SearchRequestParser search;

  /**
   * A parser for an index of {@code dimension} with the largest k {@code maxK}.
   *
   * @throws IllegalArgumentException if a limit is out of range
   */
  public FusedRequestParser(int dimension, int maxK) {
    this.search = new SearchRequestParser(dimension, maxK, 1);
  }

  /** Parses a body given as text. */
  public FusedRequest parse(String body) {
    JsonElement tree = RequestBodies.read(body);
    if (!tree.isJsonObject()) {
      throw new RequestParseException(
          "",
          "request body must be a JSON object such as {\"vector\": [...], \"n\": 10}, got "
              + JsonTrees.describe(tree));
    }
    JsonObject o = tree.getAsJsonObject();
    if (o.has("queries")) {
      throw new RequestParseException(
          "queries",
          "queries: a fused model answers one query per request; send {\"vector\": [...], \"n\":"
              + " 10} without queries");
    }
    for (String key : o.keySet()) {
      if (!FIELDS.contains(key)) {
        throw new RequestParseException(
            key, "unknown field '" + key + "'; valid fields: " + String.join(", ", FIELDS));
      }
    }
    JsonElement n = present(o, "n");
    int hits = n == null ? FusedRequest.DEFAULT_N : JsonNumbers.integer(n, "n", 1, search.maxK());
    if (present(o, "vector") == null) {
      throw new RequestParseException("vector", "vector is required: an array of numbers");
    }
    JsonObject retrieval = new JsonObject();
    retrieval.add("vector", o.get("vector"));
    JsonElement k = present(o, "k");
    retrieval.add(
        "k",
        k != null
            ? k
            : new JsonPrimitive(Math.min(Math.max(FusedRequest.DEFAULT_K, hits), search.maxK())));
    if (present(o, "filter") != null) {
      retrieval.add("filter", o.get("filter"));
    }
    SearchRequest request = search.parse(retrieval).requests().get(0);
    if (request.k() < hits) {
      throw new RequestParseException(
          "k",
          "k must be at least n ("
              + hits
              + "): retrieval must find every hit the ranker answers, got: "
              + request.k());
    }
    return new FusedRequest(request, hits);
  }
}
