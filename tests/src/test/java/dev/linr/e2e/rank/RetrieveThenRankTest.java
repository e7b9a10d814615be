package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import dev.linr.rank.DemoRanker;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.runtime.LinrIndex;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two steps of a retrieval-then-ranking workflow, each through its own served model: the
 * index's JSON answer (with vectors and attributes) becomes the ranker's candidates unchanged.
 */
class RetrieveThenRankTest {
  private static final int DIMENSION = 8;

  @TempDir Path dir;

  /** The ranker request a workflow builds: the query's vector, the hits as candidates, and n. */
  private static String rankRequest(float[] query, String searchResponse, int n) {
    JsonObject o = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : query) {
      v.add(x);
    }
    o.add("vector", v);
    o.add("candidates", JsonParser.parseString(searchResponse).getAsJsonObject().get("hits"));
    o.addProperty("n", n);
    return o.toString();
  }

  private static String search(LinrIndex index, float[] query, int k) {
    return index.searchJson(
        SearchRequest.builder()
            .setVector(query)
            .optK(k)
            .optInclude(Include.VECTOR, Include.ATTRIBUTES)
            .build()
            .toJson()
            .toString());
  }

  @Test
  void rankerReordersTheIndexsHitsExactly() throws Exception {
    RankCorpus corpus = RankCorpus.dyadic(3, 300, DIMENSION);
    BuildResult built = corpus.build(dir, Metric.DOT, StorageType.FLOAT32);
    RankerFeatures features = RankerFeatures.parse("product,score", "quality");
    RankerDefinition ranker =
        new RankerDefinition(
            DIMENSION, features, Rankers.dyadic(features.width(DIMENSION), new int[] {32, 16}, 11));
    float[] query = Rankers.dyadicVector(new SplittableRandom(9), DIMENSION);
    try (LinrIndex index = LinrIndex.open(built.folder());
        ServedRanker served =
            new ServedRanker(
                Rankers.write(ranker, RankerFormat.ONNX, dir, "ranker"), RankerFormat.ONNX)) {
      String retrieved = search(index, query, 30);
      SearchResponse response = new SearchResponseParser().parse(retrieved).responses().get(0);
      List<Hit> candidates = response.hits();
      assertEquals(30, candidates.size());

      JsonArray hits =
          JsonParser.parseString(served.rank(rankRequest(query, retrieved, 10)))
              .getAsJsonObject()
              .getAsJsonArray("hits");

      List<Rankers.Ranked> expected = Rankers.rank(ranker, query, candidates, 10);
      assertEquals(10, hits.size());
      for (int i = 0; i < hits.size(); i++) {
        JsonObject h = hits.get(i).getAsJsonObject();
        Hit c = candidates.get(expected.get(i).candidate());
        assertEquals(c.id(), h.get("id").getAsLong(), "hit " + i);
        assertTrue(expected.get(i).score() == h.get("score").getAsFloat(), "hit " + i + " " + h);
        assertEquals(c.score(), h.get("retrievalScore").getAsFloat(), "hit " + i);
      }
    }
  }

  @Test
  void demoRankerServedByOnnxRuntimeScoresLikeItsDefinition() throws Exception {
    RankCorpus corpus = RankCorpus.gaussian(4, 200, DIMENSION);
    BuildResult built = corpus.build(dir, Metric.COSINE, StorageType.FLOAT16);
    RankerDefinition ranker = DemoRanker.definition(DIMENSION);
    Path archive =
        DemoRanker.write(dir.resolve("demo_ranker"), DIMENSION, ServingTranslatorJar::open);
    float[] query = corpus.items.get(17).vector();
    try (LinrIndex index = LinrIndex.open(built.folder());
        ServedRanker served = new ServedRanker(archive, RankerFormat.ONNX)) {
      String retrieved = search(index, query, 50);
      List<Hit> candidates = new SearchResponseParser().parse(retrieved).responses().get(0).hits();
      JsonArray hits =
          JsonParser.parseString(served.rank(rankRequest(query, retrieved, 50)))
              .getAsJsonObject()
              .getAsJsonArray("hits");

      List<Rankers.Ranked> expected = Rankers.rank(ranker, query, candidates, 50);
      assertEquals(50, hits.size());
      for (int i = 0; i < hits.size(); i++) {
        JsonObject h = hits.get(i).getAsJsonObject();
        float score = expected.get(i).score();
        assertEquals(
            candidates.get(expected.get(i).candidate()).id(), h.get("id").getAsLong(), "hit " + i);
        assertEquals(
            score, h.get("score").getAsFloat(), 1e-5 * Math.max(1, Math.abs(score)), "hit " + i);
      }
    }
  }
}
