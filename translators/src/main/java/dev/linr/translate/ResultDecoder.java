package dev.linr.translate;

import ai.djl.ndarray.NDList;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the index model's outputs {@code (scores, slots, ids, matched, path)} into one response per
 * request. Row b of the outputs holds {@code min(k', matched[b])} valid hits, best first; each
 * request keeps the first {@code min(its k, matched)} of them, with the attributes and stored
 * vectors it asked for, read by slot from the index context.
 */
final class ResultDecoder {
  private final IndexContext context;

  ResultDecoder(IndexContext context) {
    this.context = context;
  }

  List<SearchResponse> decode(NDList outputs, SearchBatch batch) {
    if (outputs.size() != 5) {
      throw new IllegalStateException(
          "the index model returned " + outputs.size() + " outputs, expected 5");
    }
    SearchPath path = SearchPath.ofModelCode(outputs.get(4).toLongArray()[0]);
    int rows = batch.size();
    int width = rows == 0 ? 0 : (int) (outputs.get(0).size() / rows);
    float[] scores = outputs.get(0).toFloatArray();
    long[] slots = outputs.get(1).toLongArray();
    long[] ids = outputs.get(2).toLongArray();
    long[] matched = outputs.get(3).toLongArray();
    List<SearchResponse> responses = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      SearchRequest request = batch.requests().get(b);
      boolean withAttributes = request.includes(Include.ATTRIBUTES);
      boolean withVector = request.includes(Include.VECTOR);
      long valid = Math.min(Math.min(request.k(), width), matched[b]);
      List<Hit> hits = new ArrayList<>((int) valid);
      for (int j = 0; j < valid; j++) {
        int at = b * width + j;
        Hit hit = new Hit(context.id(ids[at]), scores[at]);
        if (withAttributes) {
          hit = hit.withAttributes(context.attributes().attributes(slots[at]));
        }
        if (withVector) {
          hit = hit.withVector(context.vectors().vector(slots[at]));
        }
        hits.add(hit);
      }
      responses.add(
          SearchResponse.builder()
              .setHits(hits)
              .setMatched(matched[b])
              .optAttributesIncluded(withAttributes)
              .optStat("path", path.jsonName())
              .build());
    }
    return responses;
  }
}
