package dev.linr.e2e.workflow;

import dev.linr.e2e.rank.DoubleMlp;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The demo ranker applied in plain Java, in double precision: features (query-post product,
 * retrieval score, quality), the MLP layer by layer from its published weights, then the candidates
 * ordered by score (ties in retrieval order) and cut to n.
 */
final class PlainRanker {
  /** A ranked candidate. */
  record Ranked(FeedCorpus.Candidate candidate, double score) {}

  private final RankerMlp mlp;

  PlainRanker(RankerDefinition ranker) {
    RankerFeatures expected = RankerFeatures.of(true, true, List.of("quality"));
    if (!ranker.features().equals(expected)) {
      throw new IllegalArgumentException("expected " + expected + ", got " + ranker.features());
    }
    this.mlp = ranker.mlp();
  }

  List<Ranked> rank(float[] query, List<FeedCorpus.Candidate> candidates, int n) {
    List<Ranked> ranked = new ArrayList<>();
    for (FeedCorpus.Candidate c : candidates) {
      ranked.add(new Ranked(c, DoubleMlp.score(mlp, features(query, c))));
    }
    // List.sort is stable: equal scores keep retrieval order.
    ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.score()));
    return ranked.subList(0, Math.min(n, ranked.size()));
  }

  private static double[] features(float[] query, FeedCorpus.Candidate c) {
    float[] v = c.post().vector();
    double[] f = new double[v.length + 2];
    for (int i = 0; i < v.length; i++) {
      f[i] = (double) query[i] * v[i];
    }
    f[v.length] = c.score();
    f[v.length + 1] = c.post().quality();
    return f;
  }
}
