package dev.linr.rank;

import static dev.linr.query.RequestBodies.present;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.query.Hit;
import dev.linr.query.JsonNumbers;
import dev.linr.query.JsonTrees;
import dev.linr.query.RequestBodies;
import dev.linr.query.RequestParseException;
import dev.linr.query.SearchResponseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads ranking request bodies into {@link RankRequest}s. Thread-safe and reusable.
 *
 * <p>A body is one request {@code {"vector": [...], "candidates": [...], "n": 10}} or a batch
 * {@code {"queries": [{...}, {...}]}} of such objects. {@code candidates} is exactly the {@code
 * hits} array of a search response (asked for with {@code include: ["vector"]}, plus {@code
 * "attributes"} when the ranker reads attributes): objects with {@code id} and {@code score}, and
 * {@code vector} and {@code attributes} when included; other fields in a candidate are ignored.
 * {@code n} (an integer, at least 0) defaults to all candidates. The search request's own fields
 * {@code k}, {@code filter} and {@code include} are allowed and ignored, so that the original query
 * can be passed through unchanged; an explicit {@code null} counts as absent.
 *
 * <p>Every problem is a {@link RequestParseException} whose field is the JSON path of the offending
 * value ({@code queries[1].candidates[3].vector[2]}) and whose message starts with that path. What
 * the ranker needs beyond valid JSON (vectors of its dimension, the attributes) is checked when the
 * requests are ranked, with the same paths.
 */
public final class RankRequestParser {
  /** The default largest number of candidates in one request. */
  public static final int DEFAULT_MAX_CANDIDATES = 10_000;

  /** The default largest number of requests in one batch. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 1024;

  private static final String FIELDS = "vector, candidates, n (and k, filter, include, ignored)";
  private static final Set<String> REQUEST_FIELDS =
      Set.of("vector", "candidates", "n", "k", "filter", "include");

  private final int maxCandidates;
  private final int maxBatchSize;

  /** A parser with the default limits. */
  public RankRequestParser() {
    this(DEFAULT_MAX_CANDIDATES, DEFAULT_MAX_BATCH_SIZE);
  }

  /**
   * A parser with these limits.
   *
   * @throws IllegalArgumentException if a limit is below 1
   */
  public RankRequestParser(int maxCandidates, int maxBatchSize) {
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("maxCandidates must be at least 1, got: " + maxCandidates);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1, got: " + maxBatchSize);
    }
    this.maxCandidates = maxCandidates;
    this.maxBatchSize = maxBatchSize;
  }

  /** Parses a UTF-8 body. */
  public ParsedRankRequests parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Parses a body given as text. */
  public ParsedRankRequests parse(String body) {
    return parse(RequestBodies.read(body));
  }

  /** Parses a body that is already a JSON tree. */
  public ParsedRankRequests parse(JsonElement body) {
    if (body == null || !body.isJsonObject()) {
      throw new RequestParseException(
          "",
          "request body must be a JSON object such as {\"vector\": [...], \"candidates\": [...]}"
              + " or {\"queries\": [...]}, got "
              + JsonTrees.describe(body));
    }
    JsonObject root = body.getAsJsonObject();
    checkFields(root, "", true);
    JsonElement queries = present(root, "queries");
    if (queries == null) {
      return new ParsedRankRequests(List.of(request(root, "")), false);
    }
    for (String name : root.keySet()) {
      if (!name.equals("queries") && present(root, name) != null) {
        throw new RequestParseException(
            name,
            name + " cannot be combined with queries: give it inside each query of the batch");
      }
    }
    JsonArray array = RequestBodies.batch(queries, maxBatchSize, "ranking requests", "requests");
    List<RankRequest> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "queries[" + i + "]";
      JsonObject q = RequestBodies.batchElement(array, i, "a ranking request object");
      checkFields(q, path + ".", false);
      out.add(request(q, path + "."));
    }
    return new ParsedRankRequests(out, true);
  }

  private static void checkFields(JsonObject o, String prefix, boolean top) {
    for (String name : o.keySet()) {
      if (!REQUEST_FIELDS.contains(name) && !(top && name.equals("queries"))) {
        throw new RequestParseException(
            prefix + name,
            "unknown field '"
                + prefix
                + name
                + "'; valid fields: "
                + FIELDS
                + (top ? ", or queries for a batch" : ""));
      }
    }
  }

  /** One request object; {@code prefix} is "" or "queries[i].". */
  private RankRequest request(JsonObject o, String prefix) {
    RankRequest.Builder b = RankRequest.builder();
    JsonElement vector = present(o, "vector");
    if (vector != null) {
      b.optVector(JsonNumbers.vector(vector, prefix + "vector", 0));
    }
    String field = prefix + "candidates";
    JsonElement candidates = present(o, "candidates");
    if (candidates == null) {
      throw new RequestParseException(
          field,
          field
              + " is required: the hits of the retrieval step, asked for with include"
              + " [\"vector\"]");
    }
    if (!candidates.isJsonArray()) {
      throw new RequestParseException(
          field, field + " must be an array of hits, got " + JsonTrees.describe(candidates));
    }
    JsonArray array = candidates.getAsJsonArray();
    if (array.size() > maxCandidates) {
      throw new RequestParseException(
          field,
          field
              + " has "
              + array.size()
              + " candidates, at most "
              + maxCandidates
              + " are allowed");
    }
    List<Hit> hits = new ArrayList<>(array.size());
    int withAttributes = -1;
    int withoutAttributes = -1;
    for (int i = 0; i < array.size(); i++) {
      String path = field + "[" + i + "]";
      hits.add(SearchResponseParser.hit(array.get(i), path));
      if (present(array.get(i).getAsJsonObject(), "attributes") != null) {
        withAttributes = withAttributes < 0 ? i : withAttributes;
      } else {
        withoutAttributes = withoutAttributes < 0 ? i : withoutAttributes;
      }
      if (withAttributes >= 0 && withoutAttributes >= 0) {
        String missing = field + "[" + withoutAttributes + "].attributes";
        throw new RequestParseException(
            missing,
            missing
                + " is missing, but "
                + field
                + "["
                + withAttributes
                + "] has attributes: give every candidate its attributes, or none");
      }
    }
    b.setCandidates(hits).optAttributesIncluded(withAttributes >= 0);
    JsonElement n = present(o, "n");
    if (n != null) {
      b.optN(JsonNumbers.integer(n, prefix + "n", 0, Integer.MAX_VALUE));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "RankRequestParser{maxCandidates="
        + maxCandidates
        + ", maxBatchSize="
        + maxBatchSize
        + "}";
  }
}
