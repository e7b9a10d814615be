package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.query.Hit;
import dev.linr.query.SearchResponseParser;
import dev.linr.rank.RankRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.rank.RankerMlp;
import dev.linr.rank.RankingTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ranker archives run by real engines (ONNX Runtime for the ONNX archive, libtorch for the
 * TorchScript one) through DJL and the archive's serving translator, against the plain-Java MLP.
 */
class RankerEngineTest {
  private static final int DIMENSION = 8;
  private static final RankerFeatures FEATURES = RankerFeatures.parse("product,score", "quality");

  @TempDir Path dir;

  private static RankerDefinition dyadicRanker() {
    return new RankerDefinition(
        DIMENSION, FEATURES, Rankers.dyadic(FEATURES.width(DIMENSION), new int[] {32, 16}, 5));
  }

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void dyadicRankerScoresExactlyLikePlainJava(RankerFormat format) throws Exception {
    RankerDefinition ranker = dyadicRanker();
    SplittableRandom r = new SplittableRandom(17);
    List<RankRequest> requests = new ArrayList<>();
    int[] sizes = {40, 1, 17};
    int[] ns = {-1, 1, 5};
    for (int q = 0; q < sizes.length; q++) {
      RankRequest.Builder b =
          RankRequest.builder()
              .optVector(Rankers.dyadicVector(r, DIMENSION))
              .setCandidates(Rankers.dyadicCandidates(r, sizes[q], DIMENSION));
      if (ns[q] >= 0) {
        b.optN(ns[q]);
      }
      requests.add(b.build());
    }
    assertFixtureIsExact(ranker, requests);

    try (ServedRanker served =
        new ServedRanker(Rankers.write(ranker, format, dir, "ranker"), format)) {
      JsonArray responses =
          JsonParser.parseString(served.rank(RankRequest.toBatchJson(requests).toString()))
              .getAsJsonObject()
              .getAsJsonArray("responses");
      assertEquals(requests.size(), responses.size());
      for (int q = 0; q < requests.size(); q++) {
        assertRankedExactly(ranker, requests.get(q), responses.get(q).getAsJsonObject());
      }
      JsonObject single =
          JsonParser.parseString(served.rank(requests.get(0).toJson().toString()))
              .getAsJsonObject();
      assertRankedExactly(ranker, requests.get(0), single);
    }
  }

  /** Every candidate's float32 score equals its float64 score: no rounding anywhere. */
  private static void assertFixtureIsExact(RankerDefinition ranker, List<RankRequest> requests) {
    for (RankRequest q : requests) {
      for (Hit c : q.candidates()) {
        float[] x = new float[FEATURES.width(DIMENSION)];
        Object quality = c.attributes().get("quality");
        float[] attributes = {quality == null ? 0f : ((Number) quality).floatValue()};
        FEATURES.write(q.vector(), c.vector(), c.score(), attributes, x, 0);
        assertEquals(
            DoubleMlp.score(ranker.mlp(), x),
            (double) ranker.mlp().score(x, 0),
            "the fixture's scores are exact in float32");
      }
    }
  }

  private static void assertRankedExactly(
      RankerDefinition ranker, RankRequest request, JsonObject response) {
    List<Rankers.Ranked> expected =
        Rankers.rank(
            ranker, request.vector(), request.candidates(), request.n().orElse(Integer.MAX_VALUE));
    JsonArray hits = response.getAsJsonArray("hits");
    assertEquals(expected.size(), hits.size());
    for (int i = 0; i < hits.size(); i++) {
      JsonObject h = hits.get(i).getAsJsonObject();
      Hit candidate = request.candidates().get(expected.get(i).candidate());
      String where = "hit " + i + " " + h;
      assertEquals(candidate.id(), h.get("id").getAsLong(), where);
      float score = h.get("score").getAsFloat();
      assertTrue(
          expected.get(i).score() == score, where + " expected score " + expected.get(i).score());
      assertEquals(candidate.score(), h.get("retrievalScore").getAsFloat(), where);
      assertEquals(
          SearchResponseParser.hit(hitJson(candidate, h), "hit").attributes(),
          candidate.attributes(),
          where);
    }
  }

  /** The ranked hit's attributes read back the way a search response's are. */
  private static JsonObject hitJson(Hit candidate, JsonObject ranked) {
    JsonObject o = new JsonObject();
    o.add("id", ranked.get("id"));
    o.add("score", ranked.get("score"));
    o.add("attributes", ranked.get("attributes"));
    return o;
  }

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void seededRankerAgreesWithPlainJavaWithin1e5Relative(RankerFormat format) throws Exception {
    RankerDefinition ranker =
        new RankerDefinition(
            DIMENSION,
            FEATURES,
            RankerMlp.seeded(FEATURES.width(DIMENSION), new int[] {32, 16}, 99));
    SplittableRandom r = new SplittableRandom(31);
    List<Hit> candidates = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      float[] v = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        v[j] = (float) r.nextDouble(-1, 1);
      }
      candidates.add(
          new Hit(
              (long) i,
              (float) r.nextDouble(-2, 2),
              java.util.Map.of("quality", r.nextDouble()),
              v));
    }
    float[] query = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      query[j] = (float) r.nextDouble(-1, 1);
    }
    RankRequest request = RankRequest.builder().optVector(query).setCandidates(candidates).build();
    List<Rankers.Ranked> expected = Rankers.rank(ranker, query, candidates, Integer.MAX_VALUE);
    double scale = expected.stream().mapToDouble(x -> Math.abs(x.score())).max().orElse(1);
    for (int i = 1; i < expected.size(); i++) {
      assertTrue(
          expected.get(i - 1).score() - expected.get(i).score() > 1e-4 * scale,
          "the fixture's scores are far enough apart to have one order");
    }

    Path archive = Rankers.write(ranker, format, dir, "seeded");
    Criteria<RankRequest, List<RankedHit>> typed =
        Criteria.builder()
            .setTypes(RankRequest.class, (Class<List<RankedHit>>) (Class<?>) List.class)
            .optModelPath(archive)
            .optEngine(format.engine())
            .optTranslator(new RankingTranslator(DIMENSION, FEATURES))
            .build();
    List<RankedHit> got;
    try (ZooModel<RankRequest, List<RankedHit>> model = typed.loadModel();
        Predictor<RankRequest, List<RankedHit>> p = model.newPredictor()) {
      got = p.predict(request);
    }
    assertEquals(expected.size(), got.size());
    for (int i = 0; i < got.size(); i++) {
      Rankers.Ranked e = expected.get(i);
      assertEquals((long) e.candidate(), got.get(i).id(), "hit " + i);
      assertEquals(
          e.score(),
          got.get(i).score(),
          1e-5 * Math.max(Math.abs(e.score()), 1e-3 * scale),
          "hit " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void zeroCandidatesGiveNoHits(RankerFormat format) throws Exception {
    try (ServedRanker served =
        new ServedRanker(Rankers.write(dyadicRanker(), format, dir, "empty"), format)) {
      String q = "\"vector\": [1, 2, 3, 4, 5, 6, 7, 8]";
      assertEquals("{\"hits\":[]}", served.rank("{" + q + ", \"candidates\": []}"));
      assertEquals(
          "{\"responses\":[{\"hits\":[]},{\"hits\":[]}]}",
          served.rank(
              "{\"queries\": [{"
                  + q
                  + ", \"candidates\": []}, {"
                  + q
                  + ", \"candidates\": [], \"n\": 3}]}"));
    }
  }
}
