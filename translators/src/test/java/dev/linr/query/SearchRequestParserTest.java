package dev.linr.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.linr.schema.IndexSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchRequestParserTest {
  /** dimension 3, k up to 100, batches up to 4. */
  private final SearchRequestParser parser = new SearchRequestParser(3, 100, 4);

  private static String q(String json) {
    return json.replace('\'', '"');
  }

  @Test
  void singleQueryWithDefaults() {
    ParsedRequests p = parser.parse("{\"vector\": [0.1, -2, 3e-1]}");
    assertFalse(p.batch());
    assertEquals(1, p.requests().size());
    SearchRequest r = p.requests().get(0);
    assertArrayEquals(new float[] {0.1f, -2f, 0.3f}, r.vector());
    assertEquals(10, r.k());
    assertEquals(Optional.empty(), r.filter());
    assertEquals(Set.of(), r.include());
  }

  @Test
  void singleQueryWithEverything() {
    SearchRequest r =
        parser
            .parse(
                "{\"vector\": [1, 2, 3], \"k\": 5, \"filter\": \"geo = 'us'\","
                    + " \"include\": [\"attributes\"]}")
            .requests()
            .get(0);
    assertEquals(5, r.k());
    assertEquals(Optional.of("geo = 'us'"), r.filter());
    assertEquals(Set.of(Include.ATTRIBUTES), r.include());
    assertTrue(r.includes(Include.ATTRIBUTES));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10.0", "1e1", "1E+1", "100e-1", "10.000"})
  void integralNumbersAreValidK(String k) {
    assertEquals(10, parser.parse("{\"vector\": [1,2,3], \"k\": " + k + "}").requests().get(0).k());
  }

  @Test
  void kAtTheLimitIsFineAndLargeIntegralExponentsToo() {
    assertEquals(100, parse("{'vector': [1,2,3], 'k': 100}").k());
    assertEquals(
        1000,
        new SearchRequestParser().parse(q("{'vector': [1], 'k': 1e3}")).requests().get(0).k());
  }

  @Test
  void defaultKIsCappedByMaxK() {
    SearchRequestParser small = SearchRequestParser.builder().optMaxK(5).build();
    assertEquals(5, small.parse(q("{'vector': [1]}")).requests().get(0).k());
  }

  @Test
  void nullMeansAbsentAndBlankFilterMeansNone() {
    SearchRequest r = parse("{'vector': [1,2,3], 'k': null, 'filter': null, 'include': null}");
    assertEquals(10, r.k());
    assertEquals(Optional.empty(), r.filter());
    assertEquals(Set.of(), r.include());
    assertEquals(Optional.empty(), parse("{'vector': [1,2,3], 'filter': '  '}").filter());
    assertEquals(Set.of(), parse("{'vector': [1,2,3], 'include': []}").include());
    assertEquals(
        Set.of(Include.ATTRIBUTES),
        parse("{'vector': [1,2,3], 'include': ['ATTRIBUTES', 'attributes']}").include());
  }

  @Test
  void batchKeepsOrderAndPerQueryOptions() {
    ParsedRequests p =
        parser.parse(
            q(
                "{'queries': [{'vector': [1,0,0], 'k': 1},"
                    + " {'vector': [0,1,0], 'filter': 'a = 1', 'include': ['attributes']},"
                    + " {'vector': [0,0,1], 'k': 3}]}"));
    assertTrue(p.batch());
    List<SearchRequest> rs = p.requests();
    assertEquals(3, rs.size());
    assertArrayEquals(new float[] {1, 0, 0}, rs.get(0).vector());
    assertArrayEquals(new float[] {0, 1, 0}, rs.get(1).vector());
    assertArrayEquals(new float[] {0, 0, 1}, rs.get(2).vector());
    assertEquals(List.of(1, 10, 3), rs.stream().map(SearchRequest::k).toList());
    assertEquals(Optional.of("a = 1"), rs.get(1).filter());
    assertEquals(Optional.empty(), rs.get(2).filter());
    assertEquals(Set.of(Include.ATTRIBUTES), rs.get(1).include());
    assertEquals(Set.of(), rs.get(0).include());
  }

  @Test
  void batchOfOneIsStillABatchAndFullBatchIsFine() {
    assertTrue(parser.parse(q("{'queries': [{'vector': [1,2,3]}]}")).batch());
    ParsedRequests four =
        parser.parse(
            q(
                "{'queries': [{'vector': [1,2,3]}, {'vector': [1,2,3]}, {'vector': [1,2,3]},"
                    + " {'vector': [1,2,3]}]}"));
    assertEquals(4, four.requests().size());
  }

  @Test
  void bytesWithByteOrderMark() {
    byte[] body = "\uFEFF{\"vector\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(new float[] {1, 2, 3}, parser.parse(body).requests().get(0).vector());
  }

  @Test
  void floatsParseToTheNearestFloat() {
    SearchRequest r = parse("{'vector': [0.1, 1e-50, 3.4028235e38]}");
    assertArrayEquals(new float[] {0.1f, 0f, Float.MAX_VALUE}, r.vector());
  }

  @Test
  void dimensionZeroAcceptsAnyLengthUpToTheSchemaMaximum() {
    SearchRequestParser any = new SearchRequestParser();
    assertEquals(0, any.dimension());
    assertEquals(1, any.parse(q("{'vector': [5]}")).requests().get(0).dimension());
    String tooLong = "{\"vector\": [" + "0,".repeat(IndexSchema.MAX_DIMENSION) + "0]}";
    RequestParseException e = assertThrows(RequestParseException.class, () -> any.parse(tooLong));
    assertEquals("vector", e.field());
    assertEquals("vector has 65537 values, at most 65536 are supported", e.getMessage());
  }

  @Test
  void forSchemaChecksTheSchemaDimension() {
    SearchRequestParser p =
        SearchRequestParser.forSchema(IndexSchema.builder().setDimension(2).build());
    assertEquals(2, p.dimension());
    assertEquals(SearchRequestParser.DEFAULT_MAX_K, p.maxK());
    assertEquals(SearchRequestParser.DEFAULT_MAX_BATCH_SIZE, p.maxBatchSize());
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> p.parse(q("{'vector': [1,2,3]}")));
    assertEquals("vector has 3 values, expected 2", e.getMessage());
  }

  @Test
  void requestJsonRoundTrips() {
    SearchRequest r =
        SearchRequest.builder()
            .setVector(new float[] {0.93f, -1.0E-7f, Float.MIN_VALUE})
            .optK(7)
            .optFilter("geo = 'us' AND year >= 2020")
            .optInclude(Include.ATTRIBUTES)
            .build();
    ParsedRequests single = parser.parse(r.toJson().toString());
    assertFalse(single.batch());
    assertEquals(List.of(r), single.requests());

    SearchRequest plain = SearchRequest.builder().setVector(new float[] {1, 2, 3}).build();
    ParsedRequests batch =
        parser.parse(SearchRequest.toBatchJson(List.of(plain, r, plain)).toString());
    assertTrue(batch.batch());
    assertEquals(List.of(plain, r, plain), batch.requests());
  }

  @Test
  void parsesAnExistingTree() {
    assertEquals(
        3,
        parser.parse(JsonParser.parseString("{\"vector\":[1,2,3],\"k\":3}")).requests().get(0).k());
  }

  @Test
  void defaultLimits() {
    SearchRequestParser p = new SearchRequestParser();
    assertEquals(10_000, p.maxK());
    assertEquals(1024, p.maxBatchSize());
    String batch = "{\"queries\": [" + "{\"vector\": [1]},".repeat(1024) + "{\"vector\": [1]}]}";
    RequestParseException e = assertThrows(RequestParseException.class, () -> p.parse(batch));
    assertEquals("queries", e.field());
    assertEquals("queries has 1025 queries, at most 1024 are allowed", e.getMessage());
  }

  @Test
  void parserLimitsAreValidated() {
    assertEquals(
        "dimension must be 0 (any) or between 1 and 65536, got: -1",
        assertThrows(IllegalArgumentException.class, () -> new SearchRequestParser(-1, 10, 10))
            .getMessage());
    assertEquals(
        "maxK must be at least 1, got: 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchRequestParser.builder().optMaxK(0).build())
            .getMessage());
    assertEquals(
        "maxBatchSize must be at least 1, got: 0",
        assertThrows(IllegalArgumentException.class, () -> new SearchRequestParser(0, 10, 0))
            .getMessage());
  }

  static Stream<Arguments> errors() {
    String v = "'vector': [1,2,3]";
    return Stream.of(
        // the body as a whole
        Arguments.of("", "", "request body is empty"),
        Arguments.of("  \n", "", "request body is empty"),
        Arguments.of(
            "[1, 2]",
            "",
            "request body must be a JSON object such as {\"vector\": [...]} or {\"queries\": [...]},"
                + " got an array"),
        Arguments.of(
            "42",
            "",
            "request body must be a JSON object such as {\"vector\": [...]} or {\"queries\": [...]},"
                + " got a number: 42"),
        Arguments.of(
            "null",
            "",
            "request body must be a JSON object such as {\"vector\": [...]} or {\"queries\": [...]},"
                + " got null"),
        Arguments.of(
            "{} {}",
            "",
            "request body is not valid JSON: unexpected data after the JSON value at line 1"
                + " column 5 path $"),
        Arguments.of(
            "{'k': 1, 'k': 2, " + v + "}", "k", "k appears more than once; give each field once"),
        // vector
        Arguments.of(
            "{}", "vector", "vector is required (or queries, for a batch): an array of numbers"),
        Arguments.of(
            "{'vector': null}",
            "vector",
            "vector is required (or queries, for a batch): an array of numbers"),
        Arguments.of(
            "{'vector': '1,2,3'}",
            "vector",
            "vector must be an array of numbers, got a string: \"1,2,3\""),
        Arguments.of(
            "{'vector': {'0': 1}}", "vector", "vector must be an array of numbers, got an object"),
        Arguments.of("{'vector': []}", "vector", "vector must not be empty"),
        Arguments.of("{'vector': [1, 2]}", "vector", "vector has 2 values, expected 3"),
        Arguments.of(
            "{'vector': [1, '2', 3]}",
            "vector[1]",
            "vector[1] must be a number, got a string: \"2\""),
        Arguments.of(
            "{'vector': [1, 2, [3]]}", "vector[2]", "vector[2] must be a number, got an array"),
        Arguments.of(
            "{'vector': [true, 2, 3]}",
            "vector[0]",
            "vector[0] must be a number, got a boolean: true"),
        Arguments.of(
            "{'vector': [1, null, 3]}", "vector[1]", "vector[1] must be a number, got null"),
        Arguments.of(
            "{'vector': [1, NaN, 3]}",
            "vector[1]",
            "vector[1] is NaN; vector values must be finite numbers"),
        Arguments.of(
            "{'vector': [1, 2, -Infinity]}",
            "vector[2]",
            "vector[2] is -Infinity; vector values must be finite numbers"),
        Arguments.of(
            "{'vector': [Infinity, 2, 3]}",
            "vector[0]",
            "vector[0] is Infinity; vector values must be finite numbers"),
        Arguments.of(
            "{'vector': [1, 2, 'NaN']}",
            "vector[2]",
            "vector[2] is NaN; vector values must be finite numbers"),
        Arguments.of(
            "{'vector': [1, 2, 1e39]}",
            "vector[2]",
            "vector[2] is 1e39, outside the float range (about -3.4e38 to 3.4e38)"),
        // k
        Arguments.of("{" + v + ", 'k': 1.5}", "k", "k must be an integer, got: 1.5"),
        Arguments.of("{" + v + ", 'k': 1e-1}", "k", "k must be an integer, got: 1e-1"),
        Arguments.of("{" + v + ", 'k': '10'}", "k", "k must be an integer, got a string: \"10\""),
        Arguments.of("{" + v + ", 'k': true}", "k", "k must be an integer, got a boolean: true"),
        Arguments.of("{" + v + ", 'k': [10]}", "k", "k must be an integer, got an array"),
        Arguments.of("{" + v + ", 'k': 0}", "k", "k must be at least 1, got: 0"),
        Arguments.of("{" + v + ", 'k': -3}", "k", "k must be at least 1, got: -3"),
        Arguments.of("{" + v + ", 'k': 101}", "k", "k must be at most 100, got: 101"),
        Arguments.of("{" + v + ", 'k': 1e300}", "k", "k must be at most 100, got: 1e300"),
        // filter
        Arguments.of(
            "{" + v + ", 'filter': 5}",
            "filter",
            "filter must be a string such as \"geo = 'us'\", got a number: 5"),
        Arguments.of(
            "{" + v + ", 'filter': {'geo': 'us'}}",
            "filter",
            "filter must be a string such as \"geo = 'us'\", got an object"),
        // include
        Arguments.of(
            "{" + v + ", 'include': 'attributes'}",
            "include",
            "include must be an array of names (valid: attributes, vector), got a string: \"attributes\""),
        Arguments.of(
            "{" + v + ", 'include': ['attributes', 'vectors']}",
            "include[1]",
            "include[1] is \"vectors\", not a known name; valid: attributes, vector"),
        Arguments.of(
            "{" + v + ", 'include': [1]}",
            "include[0]",
            "include[0] must be a name (valid: attributes, vector), got a number: 1"),
        // unknown fields
        Arguments.of(
            "{" + v + ", 'topk': 5}",
            "topk",
            "unknown field 'topk'; valid fields: vector, k, filter, include, queries"),
        // batches
        Arguments.of(
            "{'queries': {'vector': [1,2,3]}}",
            "queries",
            "queries must be an array of query objects, got an object"),
        Arguments.of("{'queries': []}", "queries", "queries must not be empty"),
        Arguments.of(
            "{'queries': [{" + v + "}], " + v + "}",
            "vector",
            "vector and queries cannot be combined: give either one query's vector or a batch of"
                + " queries"),
        Arguments.of(
            "{'queries': [{" + v + "}], 'k': 5}",
            "k",
            "k cannot be combined with queries: give k inside each query of the batch"),
        Arguments.of(
            "{'queries': [{" + v + "}], 'filter': 'a = 1'}",
            "filter",
            "filter cannot be combined with queries: give filter inside each query of the batch"),
        Arguments.of(
            "{'queries': [{" + v + "}], 'top': 5}",
            "top",
            "unknown field 'top'; valid fields: vector, k, filter, include, queries"),
        Arguments.of(
            "{'queries': [{" + v + "}, {" + v + "}, {" + v + "}, {" + v + "}, {" + v + "}]}",
            "queries",
            "queries has 5 queries, at most 4 are allowed"),
        Arguments.of(
            "{'queries': [{" + v + "}, 5]}",
            "queries[1]",
            "queries[1] must be a query object, got a number: 5"),
        Arguments.of(
            "{'queries': [{" + v + "}, {'k': 2}]}",
            "queries[1].vector",
            "queries[1].vector is required: an array of numbers"),
        Arguments.of(
            "{'queries': [{" + v + "}, {'vector': [1,2]}]}",
            "queries[1].vector",
            "queries[1].vector has 2 values, expected 3"),
        Arguments.of(
            "{'queries': [{" + v + "}, {" + v + "}, {'vector': [1, 2, NaN]}]}",
            "queries[2].vector[2]",
            "queries[2].vector[2] is NaN; vector values must be finite numbers"),
        Arguments.of(
            "{'queries': [{" + v + ", 'k': 0}]}",
            "queries[0].k",
            "queries[0].k must be at least 1, got: 0"),
        Arguments.of(
            "{'queries': [{" + v + ", 'include': ['x']}]}",
            "queries[0].include[0]",
            "queries[0].include[0] is \"x\", not a known name; valid: attributes, vector"),
        Arguments.of(
            "{'queries': [{" + v + ", 'topk': 3}]}",
            "queries[0].topk",
            "unknown field 'queries[0].topk'; valid fields in a query: vector, k, filter, include"),
        Arguments.of(
            "{'queries': [{" + v + ", 'queries': []}]}",
            "queries[0].queries",
            "unknown field 'queries[0].queries'; valid fields in a query: vector, k, filter,"
                + " include"),
        Arguments.of(
            "{'queries': [{" + v + ", 'k': 1, 'k': 1}]}",
            "queries[0].k",
            "queries[0].k appears more than once; give each field once"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorsNameTheFieldAndSayWhatIsValid(String body, String field, String message) {
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> parser.parse(q(body)));
    assertEquals(field, e.field(), () -> "field for " + body + ": " + e.getMessage());
    assertEquals(message, e.getMessage());
  }

  @Test
  void malformedJsonCarriesGsonsReason() {
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> parser.parse("{\"vector\": [1,"));
    assertEquals("", e.field());
    assertEquals(
        "request body is not valid JSON: End of input at line 1 column 15 path $.vector[1]",
        e.getMessage());

    e = assertThrows(RequestParseException.class, () -> parser.parse("{\"vector\" [1]}"));
    assertEquals(
        "request body is not valid JSON: Expected ':' at line 1 column 12 path $.vector",
        e.getMessage());
  }

  @Test
  void deepNestingIsRejectedWithoutOverflowingTheStack() {
    String deep = "{\"vector\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    RequestParseException e = assertThrows(RequestParseException.class, () -> parser.parse(deep));
    assertTrue(e.getMessage().endsWith("nests deeper than 64 levels"), e.getMessage());
    assertTrue(e.field().startsWith("vector[0][0]"), e.field());
  }

  @Test
  void errorsAreIllegalArgumentExceptions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parser.parse("{}"));
    assertTrue(e instanceof RequestParseException);
  }

  private SearchRequest parse(String json) {
    ParsedRequests p = parser.parse(q(json));
    assertFalse(p.batch());
    return p.requests().get(0);
  }
}
