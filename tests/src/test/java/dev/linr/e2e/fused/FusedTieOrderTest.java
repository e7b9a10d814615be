package dev.linr.e2e.fused;

import static dev.linr.e2e.fused.RankedHitAssertions.assertSameRanking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ranker that reads only {@code quality} (nine values, missing reads as 0) scores many candidates
 * alike: those keep their retrieval order (retrieval score descending, then slot).
 */
class FusedTieOrderTest {
  @TempDir Path dir;

  @Test
  void equalRankerScoresKeepRetrievalOrder() throws Exception {
    FusedCorpus corpus = FusedCorpus.dyadic(41, 200, 6);
    BuildResult built = corpus.build(dir, "posts", Metric.DOT, StorageType.FLOAT32);
    RankerDefinition ranker =
        new RankerDefinition(
            6,
            RankerFeatures.of(false, false, List.of("quality")),
            RankerMlp.of(new int[] {1, 1}, List.of(new float[] {0.5f}), List.of(new float[] {0f})));
    Path out = FusedArchives.fuse(built.folder(), ranker, dir.resolve("ranked"));
    FusedRequest request =
        new FusedRequest(
            SearchRequest.builder()
                .setVector(new float[] {0.5f, -0.25f, 1f, 0f, 0.125f, -1f})
                .optK(120)
                .build(),
            60);
    try (LinrIndex index = LinrIndex.open(built.folder());
        LinrFused fused = LinrFused.open(out)) {
      List<RankedHit> got = fused.rank(request);

      assertEquals(60, got.size());
      assertTrue(RankedHitAssertions.hasTie(got), "the ranking has equal ranker scores");
      for (int j = 1; j < got.size(); j++) {
        RankedHit before = got.get(j - 1);
        RankedHit after = got.get(j);
        if (before.score() == after.score()) {
          assertTrue(
              before.retrievalScore() >= after.retrievalScore(),
              "tied " + before + " and " + after + " are out of retrieval order");
        }
      }
      assertSameRanking(new ReferenceRanking(index, ranker, true).answer(request), got, 0, "ties");
    }
  }
}
