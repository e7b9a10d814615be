package dev.linr.e2e.fused;

import static dev.linr.e2e.fused.RankedHitAssertions.assertSameRanking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LinrIndex;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchOptions;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused model through DJL answers exactly what retrieval through the index model followed by
 * the plain-Java ranker gives. Data and weights are small multiples of 1/8, so every float32 sum is
 * exact in any order and scores must match to the bit (the reference checks that promise).
 */
class FusedExactnessTest {
  private static final int DIMENSION = 8;
  private static final int COUNT = 300;

  @TempDir static Path dir;
  private static FusedCorpus corpus;
  private static LinrIndex index;
  private static LinrFused fused;
  private static ReferenceRanking reference;

  @BeforeAll
  static void build() throws Exception {
    corpus = FusedCorpus.dyadic(31, COUNT, DIMENSION);
    BuildResult built = corpus.build(dir, "posts", Metric.DOT, StorageType.FLOAT16);
    RankerDefinition ranker =
        DyadicRankers.of(
            DIMENSION,
            RankerFeatures.of(true, true, List.of("level", "quality")),
            new int[] {6, 4},
            32);
    Path out =
        FusedModelBuilder.builder()
            .setIndex(built.folder())
            .setRanker(ranker)
            .setOutput(dir.resolve("posts_ranked"))
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run()
            .folder();
    index = LinrIndex.open(built.folder());
    fused = LinrFused.open(out);
    reference = new ReferenceRanking(index, ranker, true);
  }

  @AfterAll
  static void close() {
    if (fused != null) {
      fused.close();
    }
    if (index != null) {
      index.close();
    }
  }

  private static float[] query(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] q = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      q[j] = r.nextInt(-8, 9) / 8f;
    }
    return q;
  }

  private static FusedRequest request(long seed, int k, int n, String filter) {
    return new FusedRequest(
        SearchRequest.builder().setVector(query(seed)).optK(k).optFilter(filter).build(), n);
  }

  private static void assertMatchesReference(FusedRequest request, String context) {
    List<RankedHit> expected = reference.answer(request);
    assertSameRanking(expected, fused.rank(request), 0, context);
  }

  @Test
  void unfilteredTopKIsRankedExactly() {
    for (long seed = 1; seed <= 5; seed++) {
      assertMatchesReference(request(seed, 40, 10, null), "seed " + seed);
    }
  }

  @Test
  void filteredQueryRanksOnlyItsPassingCandidates() {
    FusedRequest r = request(6, 30, 12, "geo IN ('us', 'de') AND level >= 3");

    List<RankedHit> got = fused.rank(r);

    assertEquals(12, got.size());
    for (RankedHit h : got) {
      String geo = (String) h.attributes().get("geo");
      assertTrue(geo.equals("us") || geo.equals("de"), h + " fails the filter");
      assertTrue((Long) h.attributes().get("level") >= 3, h + " fails the filter");
    }
    assertSameRanking(reference.answer(r), got, 0, "filtered");
  }

  @Test
  void kAboveMatchedRanksEveryPassingItem() {
    FusedRequest r = request(7, 100, 100, "geo = 'ca' AND level <= 2");

    List<RankedHit> got = fused.rank(r);

    long passing =
        corpus.items.stream()
            .filter(i -> i.geo().equals("ca") && i.level() != null && i.level() <= 2)
            .count();
    assertTrue(passing > 0 && passing < 100, "the filter passes " + passing + " items");
    assertEquals(passing, got.size());
    assertSameRanking(reference.answer(r), got, 0, "k above matched");
  }

  @Test
  void nBelowKCutsTheRankedCandidates() {
    FusedRequest all = request(8, 25, 25, "level > 4");
    FusedRequest few = request(8, 25, 3, "level > 4");

    List<RankedHit> ranked = fused.rank(all);

    assertEquals(ranked.subList(0, 3), fused.rank(few));
    assertSameRanking(reference.answer(few), fused.rank(few), 0, "n below k");
  }

  @Test
  void filterPassingNothingAnswersNoHits() {
    assertEquals(List.of(), fused.rank(request(9, 10, 5, "geo = 'zz'")));
  }

  @Test
  void batchWithOwnKAndNPerRequestAnswersEachAsAlone() {
    List<FusedRequest> batch =
        List.of(
            request(10, 50, 5, null),
            request(11, 7, 7, "geo = 'in'"),
            request(12, 120, 30, "quality >= 0.5"),
            request(13, 1, 1, null),
            request(14, 60, 60, "geo = 'ca' AND level = 1"));

    List<List<RankedHit>> got = fused.rank(batch);

    assertEquals(batch.size(), got.size());
    for (int i = 0; i < batch.size(); i++) {
      assertSameRanking(reference.answer(batch.get(i)), got.get(i), 0, "request " + i);
    }
  }

  @Test
  void maskedAndCompactSearchPathsRankAlike() {
    List<FusedRequest> batch = new ArrayList<>();
    batch.add(request(15, 20, 8, "level = 3"));
    batch.add(request(16, 40, 10, "geo != 'us'"));
    for (SearchPath path : List.of(SearchPath.MASKED, SearchPath.COMPACT)) {
      List<List<RankedHit>> got = fused.rank(batch, SearchOptions.DEFAULT.withPath(path));
      for (int i = 0; i < batch.size(); i++) {
        assertSameRanking(reference.answer(batch.get(i)), got.get(i), 0, path + " request " + i);
      }
    }
  }
}
