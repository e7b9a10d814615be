package dev.linr.e2e.fused;

import static dev.linr.e2e.fused.RankedHitAssertions.assertSameRanking;

import dev.linr.e2e.Gaussians;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded Glorot weights over Gaussian data on a cosine float16 index (stored vectors normalised,
 * queries not): the fused model ranks in the reference's order, with ranker scores within 1e-5
 * relative (summation order differs) and retrieval scores identical.
 */
class FusedOrdinaryWeightsTest {
  private static final int DIMENSION = 16;

  @TempDir Path dir;

  @Test
  void rankingMatchesTheReferenceWithinFloatRounding() throws Exception {
    FusedCorpus corpus = FusedCorpus.gaussian(51, 500, DIMENSION);
    BuildResult built = corpus.build(dir, "posts", Metric.COSINE, StorageType.FLOAT16);
    RankerFeatures features = RankerFeatures.of(true, true, List.of("quality", "level"));
    RankerDefinition ranker =
        new RankerDefinition(
            DIMENSION,
            features,
            RankerMlp.seeded(features.width(DIMENSION), new int[] {32, 16}, 52));
    Path out = FusedArchives.fuse(built.folder(), ranker, dir.resolve("ranked"));
    SplittableRandom r = new SplittableRandom(53);
    List<FusedRequest> requests = new ArrayList<>();
    String[] filters = {null, "geo IN ('us', 'in')", "level BETWEEN 2 AND 6", "quality < 0.3"};
    for (int i = 0; i < 8; i++) {
      float[] q = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        q[j] = (float) (3 * Gaussians.next(r));
      }
      int k = 20 + 30 * i;
      requests.add(
          new FusedRequest(
              SearchRequest.builder().setVector(q).optK(k).optFilter(filters[i % 4]).build(),
              Math.max(1, k / 3)));
    }
    try (LinrIndex index = LinrIndex.open(built.folder());
        LinrFused fused = LinrFused.open(out)) {
      ReferenceRanking reference = new ReferenceRanking(index, ranker, false);
      for (int i = 0; i < requests.size(); i++) {
        assertSameRanking(
            reference.answer(requests.get(i)), fused.rank(requests.get(i)), 1e-5, "request " + i);
      }
      List<List<RankedHit>> expected = reference.answer(requests);
      List<List<RankedHit>> batch = fused.rank(requests);
      for (int i = 0; i < requests.size(); i++) {
        assertSameRanking(expected.get(i), batch.get(i), 1e-5, "request " + i + " in a batch");
      }
    }
  }
}
