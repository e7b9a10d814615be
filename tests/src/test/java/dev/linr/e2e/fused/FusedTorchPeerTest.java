package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.Gaussians;
import dev.linr.e2e.PythonTorch;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import dev.linr.runtime.LinrFused;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchOptions;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock PyTorch ({@code torch.jit.load}) runs the fused archive written by pure Java and agrees
 * with DJL's libtorch on every search path: to the bit with dyadic data and weights, within float
 * rounding and in the same order with ordinary ones.
 */
class FusedTorchPeerTest {
  private static final int DIMENSION = 8;
  private static final List<SearchPath> PATHS =
      List.of(SearchPath.AUTO, SearchPath.MASKED, SearchPath.COMPACT);

  @TempDir Path dir;

  @BeforeEach
  void requireTorch() throws InterruptedException {
    PythonTorch.assumeAvailable();
  }

  private Path fuse(FusedCorpus corpus, Metric metric, StorageType dtype, RankerDefinition ranker)
      throws Exception {
    BuildResult built = corpus.build(dir, "posts", metric, dtype);
    return FusedArchives.fuse(built.folder(), ranker, dir.resolve("ranked"));
  }

  private static List<FusedRequest> requests(long seed, boolean dyadic) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] filters = {null, "geo IN ('us', 'de')", "level >= 4 AND quality <= 0.5", "geo = 'zz'"};
    int[][] kn = {{30, 10}, {12, 12}, {200, 40}, {5, 1}};
    List<FusedRequest> out = new ArrayList<>();
    for (int i = 0; i < filters.length; i++) {
      float[] q = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        q[j] = dyadic ? r.nextInt(-8, 9) / 8f : (float) Gaussians.next(r);
      }
      out.add(
          new FusedRequest(
              SearchRequest.builder().setVector(q).optK(kn[i][0]).optFilter(filters[i]).build(),
              kn[i][1]));
    }
    return out;
  }

  @Test
  void stockPyTorchAgreesToTheBitWithDyadicWeights() throws Exception {
    FusedCorpus corpus = FusedCorpus.dyadic(61, 250, DIMENSION);
    RankerDefinition ranker =
        DyadicRankers.of(
            DIMENSION,
            RankerFeatures.of(true, true, List.of("quality", "level")),
            new int[] {5},
            62);
    Path out = fuse(corpus, Metric.DOT, StorageType.BFLOAT16, ranker);
    List<FusedRequest> requests = requests(63, true);
    try (LinrFused fused = LinrFused.open(out)) {
      FusedTorchPeer peer = new FusedTorchPeer(out.resolve("ranked.pt"), fused.context());
      for (SearchPath path : PATHS) {
        peer.call(requests, SearchOptions.DEFAULT.withPath(path));
      }
      FusedTorchPeer.Response response = peer.run(dir);

      assertEquals("FusedModel", response.className());
      assertEquals(
          List.of(
              "queries",
              "k",
              "filter_ops",
              "filter_ints",
              "filter_floats",
              "allow",
              "options",
              "n"),
          response.arguments());
      for (int c = 0; c < PATHS.size(); c++) {
        SearchPath path = PATHS.get(c);
        FusedTorchPeer.Call call = response.calls().get(c);
        assertEquals(
            List.of("float32", "float32", "int64", "int64", "int64", "int64"), call.dtypes());
        if (path != SearchPath.AUTO) {
          assertEquals(path == SearchPath.COMPACT ? 1 : 0, call.path(), path.toString());
        }
        List<List<RankedHit>> djl = fused.rank(requests, SearchOptions.DEFAULT.withPath(path));
        for (int i = 0; i < requests.size(); i++) {
          assertRowMatches(djl.get(i), call.rows().get(i), 0, path + " request " + i);
        }
      }
    }
  }

  @Test
  void stockPyTorchAgreesWithinRoundingWithOrdinaryWeights() throws Exception {
    FusedCorpus corpus = FusedCorpus.gaussian(71, 250, DIMENSION);
    RankerFeatures features = RankerFeatures.of(true, true, List.of("quality"));
    RankerDefinition ranker =
        new RankerDefinition(
            DIMENSION,
            features,
            RankerMlp.seeded(features.width(DIMENSION), new int[] {16, 8}, 72));
    Path out = fuse(corpus, Metric.L2, StorageType.FLOAT32, ranker);
    List<FusedRequest> requests = requests(73, false);
    try (LinrFused fused = LinrFused.open(out)) {
      FusedTorchPeer.Response response =
          new FusedTorchPeer(out.resolve("ranked.pt"), fused.context())
              .call(requests, fused.options())
              .run(dir);

      List<List<RankedHit>> djl = fused.rank(requests);
      for (int i = 0; i < requests.size(); i++) {
        assertRowMatches(djl.get(i), response.calls().get(0).rows().get(i), 1e-5, "request " + i);
      }
    }
  }

  private static void assertRowMatches(
      List<RankedHit> expected, FusedTorchPeer.Row row, double tolerance, String context) {
    long[] ids = expected.stream().mapToLong(h -> (Long) h.id()).toArray();
    assertArrayEquals(ids, row.ids(), context + ": ids in order");
    for (int j = 0; j < ids.length; j++) {
      RankedHit h = expected.get(j);
      String at = context + ": hit " + j + " " + h;
      if (tolerance == 0) {
        assertTrue(h.score() == row.scores()[j], at + ": score " + row.scores()[j]);
        assertTrue(
            h.retrievalScore() == row.retrieval()[j], at + ": retrieval " + row.retrieval()[j]);
      } else {
        double bound = tolerance * Math.max(1, Math.abs(h.score()));
        assertEquals(h.score(), row.scores()[j], bound, at + ": score");
        assertEquals(
            h.retrievalScore(),
            row.retrieval()[j],
            tolerance * Math.max(1, Math.abs(h.retrievalScore())),
            at + ": retrieval score");
      }
    }
  }
}
