package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.query.Hit;
import dev.linr.query.RequestParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Features of the candidates, ranking order and the checks, without a model. */
class RankingBatchTranslatorTest {
  private static final RankerFeatures ALL = RankerFeatures.parse("product,score", "quality");

  private static Hit candidate(
      long id, float score, float[] vector, Map<String, Object> attributes) {
    return new Hit(id, score, attributes, vector);
  }

  private static RankRequest request(float[] query, Hit... candidates) {
    return RankRequest.builder().optVector(query).setCandidates(List.of(candidates)).build();
  }

  @Test
  void featuresAreProductScoreAttributesRowByRow() {
    RankFeatureEncoder encoder = new RankFeatureEncoder(2, ALL);
    float[] x =
        encoder.encode(
            List.of(
                request(
                    new float[] {2f, -1f},
                    candidate(1, 0.5f, new float[] {0.25f, 3f}, Map.of("quality", 0.75)),
                    candidate(2, -1f, new float[] {1f, 1f}, Map.of("other", "x"))),
                request(
                    new float[] {1f, 1f},
                    candidate(3, 2f, new float[] {4f, 5f}, Map.of("quality", 7L)))),
            true);
    assertArrayEquals(new float[] {0.5f, -3f, 0.5f, 0.75f, 2f, -1f, -1f, 0f, 4f, 5f, 2f, 7f}, x);
  }

  @Test
  void ordersByScoreThenRetrievalOrderAndCutsToN() {
    Hit a = Hit.of(10, 0.9f);
    Hit b = Hit.of(11, 0.8f);
    Hit c = Hit.of(12, 0.7f);
    Hit d = Hit.of(13, 0.6f);
    RankRequest all = RankRequest.builder().setCandidates(List.of(a, b, c, d)).build();
    RankRequest two = RankRequest.builder().setCandidates(List.of(a, b)).optN(1).build();
    List<List<RankedHit>> out =
        RankingBatchTranslator.decode(List.of(all, two), new float[] {1f, 3f, 1f, -0f, 0f, 0.5f});
    assertEquals(
        List.of(
            new RankedHit(11L, 3f, 0.8f, Map.of()),
            new RankedHit(10L, 1f, 0.9f, Map.of()),
            new RankedHit(12L, 1f, 0.7f, Map.of()),
            new RankedHit(13L, -0f, 0.6f, Map.of())),
        out.get(0));
    assertEquals(List.of(new RankedHit(11L, 0.5f, 0.8f, Map.of())), out.get(1));
  }

  @Test
  void zeroAndMinusZeroTieInRetrievalOrder() {
    RankRequest r =
        RankRequest.builder().setCandidates(List.of(Hit.of(1, 0f), Hit.of(2, 0f))).build();
    List<RankedHit> out = RankingBatchTranslator.decode(List.of(r), new float[] {-0f, 0f}).get(0);
    assertEquals(1L, out.get(0).id());
  }

  @Test
  void nonFiniteModelScoreIsAnError() {
    RankRequest r = RankRequest.builder().setCandidates(List.of(Hit.of(5, 0f))).build();
    assertEquals(
        "the ranker model scored candidate 0 (id 5) NaN",
        assertThrows(
                IllegalStateException.class,
                () -> RankingBatchTranslator.decode(List.of(r), new float[] {Float.NaN}))
            .getMessage());
  }

  private static RequestParseException error(RankerFeatures features, RankRequest r) {
    return assertThrows(
        RequestParseException.class,
        () -> new RankFeatureEncoder(2, features).encode(List.of(r, r), true));
  }

  @Test
  void missingCandidateVectorAsksForIncludeVector() {
    RequestParseException e =
        error(ALL, request(new float[] {1, 1}, candidate(1, 1f, null, Map.of("quality", 1.0))));
    assertEquals("queries[0].candidates[0].vector", e.field());
    assertEquals(
        "queries[0].candidates[0].vector is missing: ask the retrieval step for include"
            + " [\"vector\"]",
        e.getMessage());
  }

  @Test
  void candidateVectorOfAnotherLengthIsNamed() {
    RequestParseException e =
        error(
            ALL,
            request(
                new float[] {1, 1},
                candidate(1, 1f, new float[] {1, 1}, Map.of("quality", 1.0)),
                candidate(2, 1f, new float[] {1, 1, 1}, Map.of("quality", 1.0))));
    assertEquals("queries[0].candidates[1].vector", e.field());
    assertEquals("queries[0].candidates[1].vector has 3 values, expected 2", e.getMessage());
  }

  @Test
  void queryVectorIsRequiredForTheProduct() {
    RequestParseException e =
        error(ALL, request(null, candidate(1, 1f, new float[] {1, 1}, Map.of("quality", 1.0))));
    assertEquals("queries[0].vector", e.field());
    assertEquals(
        "queries[0].vector is required: the ranker multiplies the query vector with each"
            + " candidate's vector",
        e.getMessage());
  }

  @Test
  void queryVectorOfAnotherLengthIsNamed() {
    RequestParseException e =
        error(ALL, request(new float[] {1}, candidate(1, 1f, new float[] {1, 1}, Map.of())));
    assertEquals("queries[0].vector has 1 values, expected 2", e.getMessage());
  }

  @Test
  void attributesTheRankerReadsMustBeIncluded() {
    RequestParseException e =
        error(ALL, request(new float[] {1, 1}, candidate(1, 1f, new float[] {1, 1}, Map.of())));
    assertEquals("queries[0].candidates[0].attributes", e.field());
    assertEquals(
        "queries[0].candidates[0].attributes is missing: the ranker reads the attributes"
            + " [quality]; ask the retrieval step for include [\"attributes\"]",
        e.getMessage());
  }

  @Test
  void nonNumericAttributeIsNamed() {
    RequestParseException e =
        error(
            ALL,
            request(
                new float[] {1, 1},
                candidate(1, 1f, new float[] {1, 1}, Map.of("quality", "high"))));
    assertEquals("queries[0].candidates[0].attributes.quality", e.field());
    assertEquals(
        "queries[0].candidates[0].attributes.quality is the string \"high\"; the ranker reads it"
            + " as a single number within the float range",
        e.getMessage());
  }

  @Test
  void infiniteRetrievalScoreIsNamed() {
    RequestParseException e =
        error(
            RankerFeatures.parse("score", null),
            request(null, candidate(1, Float.POSITIVE_INFINITY, null, Map.of())));
    assertEquals("queries[0].candidates[0].score", e.field());
    assertEquals(
        "queries[0].candidates[0].score is Infinity; retrieval scores must be finite numbers",
        e.getMessage());
  }

  @Test
  void scoreOnlyRankerNeedsNoVectors() {
    float[] x =
        new RankFeatureEncoder(2, RankerFeatures.parse("score", null))
            .encode(List.of(request(null, Hit.of(1, 0.25f), Hit.of(2, 0.5f))), false);
    assertArrayEquals(new float[] {0.25f, 0.5f}, x);
  }
}
