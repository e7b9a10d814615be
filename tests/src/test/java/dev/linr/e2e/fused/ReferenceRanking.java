package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.e2e.rank.DoubleMlp;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrIndex;
import dev.linr.translate.SearchBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two-model answer, computed apart from the fused model: retrieval by the index model through
 * {@link LinrIndex} (with each hit's stored vector and attributes), then the ranker in plain Java
 * over those candidates' features, ordered by ranker score descending, equal scores in retrieval
 * order, cut to n.
 */
final class ReferenceRanking {
  private final LinrIndex index;
  private final RankerDefinition ranker;
  private final boolean exact;

  /**
   * @param exact whether every float32 sum of the ranker must be exact (dyadic weights and data):
   *     the MLP is then also computed in double precision and must agree to the bit, which fails
   *     the test if the data does not keep its promise
   */
  ReferenceRanking(LinrIndex index, RankerDefinition ranker, boolean exact) {
    this.index = index;
    this.ranker = ranker;
    this.exact = exact;
  }

  /** The answer to one request, retrieved alone. */
  List<RankedHit> answer(FusedRequest request) {
    return answer(List.of(request)).get(0);
  }

  /**
   * The answers to requests retrieved in one batch (retrieval scores can differ in the last bits
   * between batch sizes, as the matrix product's blocking changes).
   */
  List<List<RankedHit>> answer(List<FusedRequest> requests) {
    List<SearchRequest> searches = new ArrayList<>();
    for (FusedRequest r : requests) {
      searches.add(r.search().toBuilder().optInclude(Include.VECTOR, Include.ATTRIBUTES).build());
    }
    List<SearchResponse> retrieved = index.search(SearchBatch.of(searches));
    List<List<RankedHit>> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      out.add(rank(requests.get(i), retrieved.get(i).hits()));
    }
    return out;
  }

  private List<RankedHit> rank(FusedRequest request, List<Hit> candidates) {
    float[] query = request.vector();
    RankerFeatures features = ranker.features();
    int width = features.width(ranker.dimension());
    float[] scores = new float[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      Hit c = candidates.get(i);
      float[] row = new float[width];
      features.write(query, c.vector(), c.score(), attributes(c, features), row, 0);
      scores[i] = ranker.mlp().score(row, 0);
      if (exact) {
        assertEquals(
            Float.floatToIntBits(scores[i]),
            Float.floatToIntBits(DoubleMlp.exactScore(ranker.mlp(), row)),
            "the reference ranker's float32 score of " + c.id() + " is not exact");
      }
    }
    Integer[] order = new Integer[candidates.size()];
    Arrays.setAll(order, i -> i);
    // Stable: candidates of equal score keep their retrieval order.
    Arrays.sort(order, (a, b) -> Float.compare(scores[b] + 0f, scores[a] + 0f));
    List<RankedHit> out = new ArrayList<>();
    for (int j = 0; j < Math.min(request.n(), order.length); j++) {
      Hit c = candidates.get(order[j]);
      out.add(new RankedHit(c.id(), scores[order[j]], c.score(), c.attributes()));
    }
    return out;
  }

  private static float[] attributes(Hit c, RankerFeatures features) {
    float[] out = new float[features.attributes().size()];
    for (int i = 0; i < out.length; i++) {
      Object v = c.attributes().get(features.attributes().get(i));
      out[i] = v == null ? RankerFeatures.MISSING : ((Number) v).floatValue();
    }
    return out;
  }
}
