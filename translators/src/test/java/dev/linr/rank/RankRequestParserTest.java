package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.query.Hit;
import dev.linr.query.RequestParseException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ranking request JSON: what parses, and every error naming its path. */
class RankRequestParserTest {
  private final RankRequestParser parser = new RankRequestParser(3, 2);

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  @Test
  void parsesASearchResponsesHitsAsCandidates() {
    ParsedRankRequests parsed =
        parser.parse(
            json(
                "{'vector': [1, 0.5], 'n': 2, 'candidates': [{'id': 7, 'score': 0.5, 'vector':"
                    + " [0.25, 1], 'attributes': {'quality': 0.75, 'geo': 'us'}}, {'id': 'x',"
                    + " 'score': -1, 'vector': [1, 2], 'attributes': {}, 'extra': true}]}"));
    assertFalse(parsed.batch());
    RankRequest r = parsed.requests().get(0);
    assertArrayEquals(new float[] {1f, 0.5f}, r.vector());
    assertEquals(OptionalInt.of(2), r.n());
    assertTrue(r.attributesIncluded());
    assertEquals(
        List.of(
            new Hit(7L, 0.5f, Map.of("quality", 0.75, "geo", "us"), new float[] {0.25f, 1f}),
            new Hit("x", -1f, Map.of(), new float[] {1f, 2f})),
        r.candidates());
  }

  @Test
  void nDefaultsToAllAndSearchFieldsAreIgnored() {
    RankRequest r =
        parser
            .parse(
                json(
                    "{'vector': [1], 'k': 100, 'filter': 'a = 1', 'include': ['vector'],"
                        + " 'candidates': [{'id': 1, 'score': 1}]}"))
            .requests()
            .get(0);
    assertEquals(OptionalInt.empty(), r.n());
    assertEquals(1, r.limit());
    assertFalse(r.attributesIncluded());
    assertNull(r.candidates().get(0).vector());
  }

  @Test
  void parsesABatch() {
    ParsedRankRequests parsed =
        parser.parse(
            json(
                "{'queries': [{'candidates': []}, {'vector': [2], 'candidates': [{'id': 1,"
                    + " 'score': 0}], 'n': 0}]}"));
    assertTrue(parsed.batch());
    assertEquals(2, parsed.requests().size());
    assertEquals(0, parsed.requests().get(1).limit());
  }

  @Test
  void requestJsonRoundTrips() {
    RankRequest r =
        RankRequest.builder()
            .optVector(new float[] {0.1f, -3f})
            .setCandidates(
                List.of(
                    new Hit(5L, 0.93f, Map.of("q", 0.5), new float[] {1f, 0.1f}),
                    new Hit("s", 0.1f, Map.of(), new float[] {0f, 2f})))
            .optN(1)
            .build();
    assertEquals(List.of(r), parser.parse(r.toJson().toString()).requests());
    assertEquals(
        List.of(r, r),
        new RankRequestParser()
            .parse(RankRequest.toBatchJson(List.of(r, r)).toString())
            .requests());
  }

  static Stream<Arguments> badBodies() {
    String c = "'candidates': [{'id': 1, 'score': 1}]";
    return Stream.of(
        Arguments.of(
            "[1]",
            "",
            "request body must be a JSON object such as {\"vector\": [...],"
                + " \"candidates\": [...]} or {\"queries\": [...]}, got an array"),
        Arguments.of(
            "{'vector': [1]}",
            "candidates",
            "candidates is required: the hits of the retrieval step, asked for with include"
                + " [\"vector\"]"),
        Arguments.of(
            "{'candidates': {}}",
            "candidates",
            "candidates must be an array of hits, got an object"),
        Arguments.of(
            "{'candidates': [1, 2, 3, 4]}",
            "candidates",
            "candidates has 4 candidates, at most 3 are allowed"),
        Arguments.of(
            "{'candidates': [{'score': 1}]}", "candidates[0].id", "candidates[0].id is required"),
        Arguments.of(
            "{'candidates': [{'id': 1, 'score': 1}, {'id': 2}]}",
            "candidates[1].score",
            "candidates[1].score is required"),
        Arguments.of(
            "{'candidates': [{'id': 1.5, 'score': 1}]}",
            "candidates[0].id",
            "candidates[0].id must be a string or a 64-bit integer, got a number: 1.5"),
        Arguments.of(
            "{'candidates': [{'id': 1, 'score': 1, 'vector': [1, NaN]}]}",
            "candidates[0].vector[1]",
            "candidates[0].vector[1] is NaN; vector values must be finite numbers"),
        Arguments.of(
            "{'candidates': [{'id': 1, 'score': 1, 'vector': []}]}",
            "candidates[0].vector",
            "candidates[0].vector must not be empty"),
        Arguments.of(
            "{'candidates': [{'id': 1, 'score': 1, 'attributes': {'a': 1}}, {'id': 2,"
                + " 'score': 1}]}",
            "candidates[1].attributes",
            "candidates[1].attributes is missing, but candidates[0] has attributes: give every"
                + " candidate its attributes, or none"),
        Arguments.of(
            "{'vector': 'x', " + c + "}",
            "vector",
            "vector must be an array of numbers, got a string: \"x\""),
        Arguments.of("{" + c + ", 'n': -1}", "n", "n must be at least 0, got: -1"),
        Arguments.of("{" + c + ", 'n': 2.5}", "n", "n must be an integer, got: 2.5"),
        Arguments.of(
            "{" + c + ", 'top': 2}",
            "top",
            "unknown field 'top'; valid fields: vector, candidates, n (and k, filter, include,"
                + " ignored), or queries for a batch"),
        Arguments.of(
            "{'queries': [], " + c + "}",
            "candidates",
            "candidates cannot be combined with queries: give it inside each query of the batch"),
        Arguments.of("{'queries': []}", "queries", "queries must not be empty"),
        Arguments.of(
            "{'queries': [{" + c + "}, {" + c + "}, {" + c + "}]}",
            "queries",
            "queries has 3 requests, at most 2 are allowed"),
        Arguments.of(
            "{'queries': [{" + c + ", 'queries': []}]}",
            "queries[0].queries",
            "unknown field 'queries[0].queries'; valid fields: vector, candidates, n (and k,"
                + " filter, include, ignored)"),
        Arguments.of(
            "{'queries': [{'candidates': [{'id': 1, 'score': 'x'}]}]}",
            "queries[0].candidates[0].score",
            "queries[0].candidates[0].score must be a number, got a string: \"x\""),
        Arguments.of(
            "{'candidates': [], 'candidates': []}",
            "candidates",
            "candidates appears more than once; give each field once"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badBodies")
  void badBodiesNameTheField(String body, String field, String message) {
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> parser.parse(json(body)));
    assertEquals(field, e.field());
    assertEquals(message, e.getMessage());
  }
}
