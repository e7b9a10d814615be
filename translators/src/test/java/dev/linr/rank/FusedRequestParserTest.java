package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.query.RequestParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FusedRequestParserTest {
  private final FusedRequestParser parser = new FusedRequestParser(3, 500);

  private RequestParseException refused(String body) {
    return assertThrows(RequestParseException.class, () -> parser.parse(body));
  }

  @Test
  void readsVectorKNAndFilter() {
    FusedRequest r =
        parser.parse("{\"vector\": [1, 0.5, -2], \"k\": 40, \"n\": 5, \"filter\": \"geo = 'us'\"}");

    assertArrayEquals(new float[] {1f, 0.5f, -2f}, r.vector());
    assertEquals(40, r.k());
    assertEquals(5, r.n());
    assertEquals(Optional.of("geo = 'us'"), r.search().filter());
  }

  @Test
  void defaultsAreTheWorkflowsNTenAndKHundred() {
    FusedRequest r = parser.parse("{\"vector\": [1, 2, 3], \"filter\": null}");

    assertEquals(10, r.n());
    assertEquals(100, r.k());
    assertEquals(Optional.empty(), r.search().filter());
  }

  @Test
  void defaultKIsAtLeastN() {
    assertEquals(250, parser.parse("{\"vector\": [1, 2, 3], \"n\": 250}").k());
  }

  @Test
  void defaultKStaysWithinTheLargestK() {
    FusedRequestParser small = new FusedRequestParser(3, 50);

    FusedRequest r = small.parse("{\"vector\": [1, 2, 3], \"n\": 20}");

    assertEquals(50, r.k());
  }

  @Test
  void integralNumbersAreIntegers() {
    FusedRequest r = parser.parse("{\"vector\": [1, 2, 3], \"k\": 1e2, \"n\": 10.0}");

    assertEquals(100, r.k());
    assertEquals(10, r.n());
  }

  @Test
  void kBelowNIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"k\": 4, \"n\": 5}");
    assertEquals("k", e.field());
    assertEquals(
        "k must be at least n (5): retrieval must find every hit the ranker answers, got: 4",
        e.getMessage());
  }

  @Test
  void nBelowOneIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"n\": 0}");
    assertEquals("n", e.field());
    assertEquals("n must be at least 1, got: 0", e.getMessage());
  }

  @Test
  void fractionalNIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"n\": 1.5}");
    assertEquals("n", e.field());
    assertEquals("n must be an integer, got: 1.5", e.getMessage());
  }

  @Test
  void nAboveTheLargestKIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"n\": 501}");
    assertEquals("n", e.field());
    assertEquals("n must be at most 500, got: 501", e.getMessage());
  }

  @Test
  void missingVectorIsRefused() {
    RequestParseException e = refused("{\"n\": 3}");
    assertEquals("vector", e.field());
    assertEquals("vector is required: an array of numbers", e.getMessage());
  }

  @Test
  void vectorOfAnotherDimensionIsRefusedAsTheIndexRefusesIt() {
    RequestParseException e = refused("{\"vector\": [1, 2]}");
    assertEquals("vector", e.field());
    assertEquals("vector has 2 values, expected 3", e.getMessage());
  }

  @Test
  void kAboveTheLargestKIsRefusedAsTheIndexRefusesIt() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"k\": 501}");
    assertEquals("k", e.field());
    assertEquals("k must be at most 500, got: 501", e.getMessage());
  }

  @Test
  void nonStringFilterIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"filter\": 3}");
    assertEquals("filter", e.field());
  }

  @Test
  void unknownFieldIsRefusedListingTheValidOnes() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"include\": [\"vector\"]}");
    assertEquals("include", e.field());
    assertEquals("unknown field 'include'; valid fields: vector, k, n, filter", e.getMessage());
  }

  @Test
  void batchIsRefused() {
    RequestParseException e = refused("{\"queries\": [{\"vector\": [1, 2, 3]}]}");
    assertEquals("queries", e.field());
    assertEquals(
        "queries: a fused model answers one query per request; send {\"vector\": [...], \"n\":"
            + " 10} without queries",
        e.getMessage());
  }

  @Test
  void duplicateKeyIsRefused() {
    RequestParseException e = refused("{\"vector\": [1, 2, 3], \"n\": 2, \"n\": 3}");
    assertEquals("n", e.field());
  }

  @Test
  void bodyThatIsNotAnObjectIsRefused() {
    RequestParseException e = refused("[1, 2, 3]");
    assertEquals("", e.field());
    assertEquals(
        "request body must be a JSON object such as {\"vector\": [...], \"n\": 10}, got an array",
        e.getMessage());
  }
}
