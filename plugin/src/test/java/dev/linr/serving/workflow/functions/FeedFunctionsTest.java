package dev.linr.serving.workflow.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.query.Include;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchRequestParser;
import dev.linr.serving.BadRequestException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFunctionsTest {
  /** A JSON body; single quotes become double quotes. */
  private static Input body(String json) {
    return rawBody(json.replace('\'', '"'));
  }

  private static Input rawBody(String json) {
    Input in = new Input();
    in.addProperty("Content-Type", "application/json");
    in.add("data", json);
    return in;
  }

  private static String retrievalQuery(String request) throws Exception {
    return retrievalQuery(body(request));
  }

  private static String retrievalQuery(Input request) throws Exception {
    Output o = new RetrievalQuery().apply(List.of(request), null).get();
    assertEquals("application/json", o.getProperty("Content-Type", null));
    return o.getData().getAsString();
  }

  private static String rankInput(String request, String retrieved) throws Exception {
    return new RankInput()
        .apply(List.of(body(request), body(retrieved)), null)
        .get()
        .getData()
        .getAsString();
  }

  private static String badRequest(String request) {
    return assertThrows(
            BadRequestException.class,
            () -> new RetrievalQuery().apply(List.of(body(request)), null))
        .getMessage();
  }

  @Test
  void retrievalQueryAsksForVectorsAndAttributesAndDropsN() throws Exception {
    assertEquals(
        "{\"vector\":[0.5,-1e-3,2],\"k\":50,\"filter\":\"geo = 'us'\","
            + "\"include\":[\"vector\",\"attributes\"]}",
        retrievalQuery(
            rawBody(
                "{\"vector\": [0.5, -1e-3, 2], \"k\": 50, \"n\": 5, \"filter\": \"geo = 'us'\"}")));
  }

  @Test
  void retrievalQueryIsAValidIndexRequest() throws Exception {
    String query =
        retrievalQuery(rawBody("{\"vector\": [0.5, 1], \"k\": 20, \"filter\": \"geo = 'us'\"}"));
    ParsedRequests parsed = new SearchRequestParser().parse(query);
    SearchRequest r = parsed.requests().get(0);
    assertArrayEquals(new float[] {0.5f, 1f}, r.vector());
    assertEquals(20, r.k());
    assertEquals(EnumSet.of(Include.VECTOR, Include.ATTRIBUTES), r.include());
    assertEquals("geo = 'us'", r.filter().orElseThrow());
  }

  @Test
  void malformedBodyIsABadRequest() {
    assertEquals(
        "request body is not valid JSON: End of input at line 1 column 15 path $.vector[1]",
        badRequest("{'vector': [1,"));
  }

  @Test
  void kDefaultsTo100() throws Exception {
    assertEquals(
        "{\"vector\":[1],\"k\":100,\"include\":[\"vector\",\"attributes\"]}",
        retrievalQuery("{'vector': [1]}"));
  }

  @Test
  void kDefaultsToNWhenNIsAbove100() throws Exception {
    assertEquals(
        "{\"vector\":[1],\"k\":150,\"include\":[\"vector\",\"attributes\"]}",
        retrievalQuery("{'vector': [1], 'n': 150}"));
  }

  @Test
  void missingVectorIsABadRequest() {
    assertEquals("vector is required: an array of numbers", badRequest("{'k': 5}"));
  }

  @Test
  void batchIsABadRequest() {
    assertEquals(
        "queries: a workflow answers one query per request; send {\"vector\": [...], \"n\": 10}"
            + " without queries",
        badRequest("{'queries': [{'vector': [1]}]}"));
  }

  @Test
  void nBelowOneIsABadRequest() {
    assertEquals("n must be at least 1, got: 0", badRequest("{'vector': [1], 'n': 0}"));
  }

  @Test
  void fractionalNIsABadRequest() {
    assertEquals("n must be an integer, got: 2.5", badRequest("{'vector': [1], 'n': 2.5}"));
  }

  @Test
  void kBelowNIsABadRequest() {
    assertEquals(
        "k must be at least n (10): retrieval must find every hit the ranker answers, got: 5",
        badRequest("{'vector': [1], 'k': 5}"));
  }

  @Test
  void unknownFieldIsABadRequest() {
    assertEquals(
        "unknown field 'include'; valid fields: vector, k, n, filter",
        badRequest("{'vector': [1], 'include': ['attributes']}"));
  }

  @Test
  void nonTextFilterIsABadRequest() {
    assertEquals(
        "filter must be a string such as \"geo = 'us'\", got a number: 3",
        badRequest("{'vector': [1], 'filter': 3}"));
  }

  @Test
  void emptyVectorIsABadRequest() {
    assertEquals(
        "vector must be a non-empty array of numbers, got an empty array",
        badRequest("{'vector': []}"));
  }

  @Test
  void bodyThatIsNotAnObjectIsABadRequest() {
    assertEquals("request body must be a JSON object, got a number: 5", badRequest("5"));
  }

  @Test
  void rankInputMergesTheRequestVectorWithTheHits() throws Exception {
    assertEquals(
        "{\"vector\":[0.5,1],\"candidates\":[{\"id\":7,\"score\":0.9,\"vector\":[1,0]}],\"n\":3}",
        rankInput(
            "{'vector': [0.5, 1], 'n': 3}",
            "{'hits': [{'id': 7, 'score': 0.9, 'vector': [1, 0]}], 'matched': 1}"));
  }

  @Test
  void rankInputDefaultsNTo10() throws Exception {
    assertEquals(
        "{\"vector\":[1],\"candidates\":[],\"n\":10}",
        rankInput("{'vector': [1]}", "{'hits': [], 'matched': 0}"));
  }

  @Test
  void rankInputRefusesAnAnswerWithoutHits() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RankInput()
                    .apply(List.of(body("{'vector': [1]}"), body("{'responses': []}")), null));
    assertEquals(
        "rankInput's second argument must be an index answer to one query, with a hits array; got"
            + " hits: null",
        e.getMessage());
  }

  @Test
  void rankInputChecksTheRequestLikeRetrievalQuery() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                new RankInput()
                    .apply(List.of(body("{'vector': [1], 'n': 0}"), body("{'hits': []}")), null));
    assertEquals("n must be at least 1, got: 0", e.getMessage());
  }
}
