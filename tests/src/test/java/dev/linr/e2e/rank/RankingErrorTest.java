package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.translate.TranslateException;
import dev.linr.query.RequestParseException;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.rank.RankerMlp;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad ranking requests through a served ranker (ONNX Runtime, the archive's serving translator):
 * each is a TranslateException (HTTP 400 under DJL Serving) whose cause names the JSON path.
 */
class RankingErrorTest {
  @TempDir static Path dir;
  private static ServedRanker served;

  @BeforeAll
  static void serve() throws Exception {
    RankerFeatures features = RankerFeatures.parse("product,score", "quality");
    RankerDefinition ranker =
        new RankerDefinition(2, features, RankerMlp.seeded(features.width(2), new int[] {4}, 1));
    served =
        new ServedRanker(
            Rankers.write(ranker, RankerFormat.ONNX, dir, "ranker"), RankerFormat.ONNX);
  }

  @AfterAll
  static void close() {
    served.close();
  }

  /** A candidate object (single-quoted JSON) with the vector and attributes given, if any. */
  private static String candidate(int id, String vector, String attributes) {
    return "{'id': "
        + id
        + ", 'score': 0.5"
        + (vector == null ? "" : ", 'vector': " + vector)
        + (attributes == null ? "" : ", 'attributes': " + attributes)
        + "}";
  }

  private static String good(int id) {
    return candidate(id, "[0.5, 1]", "{'quality': 0.25}");
  }

  static Stream<Arguments> badRequests() {
    String q = "'vector': [1, 2]";
    String three = good(0) + ", " + good(1) + ", " + good(2);
    return Stream.of(
        Arguments.of(
            "{" + q + ", 'candidates': [" + three + ", " + candidate(3, null, "{}") + "]}",
            "candidates[3].vector",
            "candidates[3].vector is missing: ask the retrieval step for include [\"vector\"]"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + three + ", " + candidate(3, "[1, 2, 3]", "{}") + "]}",
            "candidates[3].vector",
            "candidates[3].vector has 3 values, expected 2"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + candidate(0, "[1, NaN]", "{}") + "]}",
            "candidates[0].vector[1]",
            "candidates[0].vector[1] is NaN; vector values must be finite numbers"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + good(0) + "], 'n': -1}",
            "n",
            "n must be at least 0, got: -1"),
        Arguments.of(
            "{'vector': [1, 2, 3], 'candidates': [" + good(0) + "]}",
            "vector",
            "vector has 3 values, expected 2"),
        Arguments.of(
            "{'vector': [1, Infinity], 'candidates': [" + good(0) + "]}",
            "vector[1]",
            "vector[1] is Infinity; vector values must be finite numbers"),
        Arguments.of(
            "{'candidates': [" + good(0) + "]}",
            "vector",
            "vector is required: the ranker multiplies the query vector with each candidate's"
                + " vector"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + candidate(0, "[1, 1]", null) + "]}",
            "candidates[0].attributes",
            "candidates[0].attributes is missing: the ranker reads the attributes [quality]; ask"
                + " the retrieval step for include [\"attributes\"]"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + candidate(0, "[1, 1]", "{'quality': ['a']}") + "]}",
            "candidates[0].attributes.quality",
            "candidates[0].attributes.quality is a list; the ranker reads it as a single number"
                + " within the float range"),
        Arguments.of(
            "{"
                + q
                + ", 'candidates': [{'id': 1, 'score': 1e39, 'vector': [1, 1],"
                + " 'attributes': {}}]}",
            "candidates[0].score",
            "candidates[0].score is Infinity; retrieval scores must be finite numbers"),
        Arguments.of(
            "{'queries': [{"
                + q
                + ", 'candidates': []}, {"
                + q
                + ", 'candidates': ["
                + good(0)
                + ", "
                + candidate(1, null, "{}")
                + "]}]}",
            "queries[1].candidates[1].vector",
            "queries[1].candidates[1].vector is missing: ask the retrieval step for include"
                + " [\"vector\"]"),
        Arguments.of(
            "{" + q + ", 'candidates': [" + good(0) + "]",
            "",
            "request body is not valid JSON: End of input at line 1 column 112 path"
                + " $.candidates"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badRequests")
  void badRequestNamesTheField(String body, String field, String message) {
    TranslateException e =
        assertThrows(TranslateException.class, () -> served.rank(body.replace('\'', '"')));
    RequestParseException cause = assertInstanceOf(RequestParseException.class, e.getCause());
    assertEquals(field, cause.field());
    assertEquals(message, cause.getMessage());
  }
}
