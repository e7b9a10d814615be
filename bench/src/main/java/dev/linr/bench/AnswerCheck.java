package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.query.Hit;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks sampled answers of a load run against reference answers and counts the outcome. An index
 * answer agrees with its reference when it has the same hit ids in the same order and every score
 * within {@value #SCORE_TOLERANCE} (relative) of the reference's: a batch's matrix product may
 * round differently from a single query's. Thread-safe.
 */
final class AnswerCheck {
  /** Relative score difference allowed between the same query answered in different batches. */
  static final double SCORE_TOLERANCE = 1e-5;

  /** Relative score difference allowed between rankers on different engines (ONNX, libtorch). */
  static final double RANKER_TOLERANCE = 1e-4;

  private static final SearchResponseParser PARSER = new SearchResponseParser();

  private final List<SearchResponse> reference;
  private final AtomicLong checked = new AtomicLong();
  private final AtomicLong agreed = new AtomicLong();
  private final AtomicReference<String> firstMismatch = new AtomicReference<>();

  /**
   * @param reference the reference answers of queries 0, 1, ...; answers to later queries are not
   *     checked
   */
  AnswerCheck(List<SearchResponse> reference) {
    this.reference = List.copyOf(reference);
  }

  /** Checks an index answer (JSON) to query {@code query} when that query is sampled. */
  void index(int query, String body) {
    if (query >= reference.size()) {
      return;
    }
    SearchResponse got = PARSER.parse(body).responses().get(0);
    record(query, indexMismatch(reference.get(query), got));
  }

  /** Checks an in-process answer to query {@code query} when that query is sampled. */
  void response(int query, SearchResponse got) {
    if (query < reference.size()) {
      record(query, indexMismatch(reference.get(query), got));
    }
  }

  /** Records the comparison of a ranked answer (workflow or fused) with another. */
  void ranked(int query, String body, String referenceBody) {
    record(query, rankedMismatch(referenceBody, body));
  }

  private void record(int query, String mismatch) {
    checked.incrementAndGet();
    if (mismatch == null) {
      agreed.incrementAndGet();
    } else {
      firstMismatch.compareAndSet(null, "query " + query + ": " + mismatch);
    }
  }

  static String indexMismatch(SearchResponse expected, SearchResponse got) {
    List<Hit> e = expected.hits();
    List<Hit> g = got.hits();
    if (e.size() != g.size()) {
      return e.size() + " hits expected, got " + g.size();
    }
    for (int i = 0; i < e.size(); i++) {
      if (!Objects.equals(e.get(i).id(), g.get(i).id())) {
        return "hit " + i + " is id " + g.get(i).id() + ", expected " + e.get(i).id();
      }
      if (!close(e.get(i).score(), g.get(i).score(), SCORE_TOLERANCE)) {
        return "hit " + i + " scores " + g.get(i).score() + ", expected " + e.get(i).score();
      }
    }
    return null;
  }

  /** Compares ranked answers: ids in order, ranker and retrieval scores to the ranker tolerance. */
  static String rankedMismatch(String expectedBody, String gotBody) {
    JsonArray e = hits(expectedBody);
    JsonArray g = hits(gotBody);
    if (e.size() != g.size()) {
      return e.size() + " hits expected, got " + g.size();
    }
    for (int i = 0; i < e.size(); i++) {
      JsonObject eh = e.get(i).getAsJsonObject();
      JsonObject gh = g.get(i).getAsJsonObject();
      if (!eh.get("id").equals(gh.get("id"))) {
        return "hit " + i + " is id " + gh.get("id") + ", expected " + eh.get("id");
      }
      for (String score : new String[] {"score", "retrievalScore"}) {
        double x = eh.get(score).getAsDouble();
        double y = gh.get(score).getAsDouble();
        if (!close(x, y, RANKER_TOLERANCE)) {
          return "hit " + i + " " + score + " " + y + ", expected " + x;
        }
      }
    }
    return null;
  }

  private static JsonArray hits(String body) {
    JsonElement hits = JsonParser.parseString(body).getAsJsonObject().get("hits");
    if (hits == null || !hits.isJsonArray()) {
      throw new IllegalStateException("answer without hits: " + HttpLoad.abbreviate(body));
    }
    return hits.getAsJsonArray();
  }

  private static boolean close(double expected, double got, double tolerance) {
    return Math.abs(expected - got) <= tolerance * Math.max(1, Math.abs(expected));
  }

  long checked() {
    return checked.get();
  }

  long agreed() {
    return agreed.get();
  }

  /** The first disagreement seen, or null. */
  String firstMismatch() {
    return firstMismatch.get();
  }

  /** A fresh tally against the same references. */
  AnswerCheck fresh() {
    return new AnswerCheck(reference);
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("checked", checked());
    o.addProperty("agreed", agreed());
    if (firstMismatch() != null) {
      o.addProperty("first_mismatch", firstMismatch());
    }
    return o;
  }
}
