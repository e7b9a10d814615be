package dev.linr.rank;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.linr.query.SearchResponseWriter;
import java.util.List;

/**
 * Writes ranked hits as JSON: {@code {"hits": [{"id": 42, "score": 1.7, "retrievalScore": 0.93}]}}
 * for one request, {@code {"responses": [{"hits": [...]}, ...]}} (in request order) for a batch.
 * Each hit carries {@code "attributes": {...}} when its request's candidates carried attributes.
 * Scores are written as the float's shortest decimal; ids as the candidates gave them. Thread-safe.
 */
public final class RankResponseWriter {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /**
   * The body answering {@code requests}.
   *
   * @param results one list of ranked hits per request, in request order
   * @param batch whether the body was a batch; if not, there is exactly one request
   */
  public String write(List<RankRequest> requests, List<List<RankedHit>> results, boolean batch) {
    if (requests.size() != results.size()) {
      throw new IllegalArgumentException(
          requests.size() + " requests but " + results.size() + " results");
    }
    if (!batch) {
      if (requests.size() != 1) {
        throw new IllegalArgumentException(
            "a single (non-batch) request has exactly one response, got: " + requests.size());
      }
      return GSON.toJson(response(requests.get(0), results.get(0)));
    }
    JsonArray a = new JsonArray(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      a.add(response(requests.get(i), results.get(i)));
    }
    JsonObject o = new JsonObject();
    o.add("responses", a);
    return GSON.toJson(o);
  }

  private static JsonObject response(RankRequest request, List<RankedHit> hits) {
    JsonArray a = new JsonArray(hits.size());
    for (RankedHit h : hits) {
      JsonObject o = new JsonObject();
      o.add(
          "id",
          h.id() instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Long) h.id()));
      o.add("score", new JsonPrimitive(h.score()));
      o.add("retrievalScore", new JsonPrimitive(h.retrievalScore()));
      if (request.attributesIncluded()) {
        o.add("attributes", SearchResponseWriter.attributes(h.attributes()));
      }
      a.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("hits", a);
    return o;
  }
}
