package dev.linr.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchResponseWriterTest {
  private final SearchResponseWriter writer = new SearchResponseWriter();
  private final SearchResponseParser reader = new SearchResponseParser();

  @Test
  void singleResponse() {
    SearchResponse r = new SearchResponse(List.of(Hit.of(42, 0.93f), Hit.of(7, 0.5f)), 1234);
    assertEquals(
        "{\"hits\":[{\"id\":42,\"score\":0.93},{\"id\":7,\"score\":0.5}],\"matched\":1234}",
        writer.write(List.of(r), false));
    assertEquals(writer.write(List.of(r), false), writer.write(r));
    assertArrayEquals(
        writer.write(r).getBytes(StandardCharsets.UTF_8), writer.writeBytes(List.of(r), false));
  }

  @Test
  void emptyHits() {
    assertEquals("{\"hits\":[],\"matched\":0}", writer.write(new SearchResponse(List.of(), 0)));
  }

  @Test
  void stringIdsAreStringsAndIntIdsAreExactNumbers() {
    SearchResponse r =
        new SearchResponse(
            List.of(Hit.of("doc-7", 1f), Hit.of("42", 0.5f), Hit.of(9007199254740993L, 0.25f)), 3);
    assertEquals(
        "{\"hits\":[{\"id\":\"doc-7\",\"score\":1.0},{\"id\":\"42\",\"score\":0.5},"
            + "{\"id\":9007199254740993,\"score\":0.25}],\"matched\":3}",
        writer.write(r));
  }

  @ParameterizedTest
  @CsvSource({
    "0.93, 0.93",
    "0.1, 0.1",
    "-0.5, -0.5",
    "1, 1.0",
    "0.00001, 1.0E-5",
    "123456789, 1.23456792E8",
    "3.4028235e38, 3.4028235E38",
    "1.4e-45, 1.4E-45",
    "-0.0, -0.0"
  })
  void scoresAreTheFloatsShortestDecimal(float score, String expected) {
    String json = writer.write(new SearchResponse(List.of(Hit.of(1, score)), 1));
    assertEquals("{\"hits\":[{\"id\":1,\"score\":" + expected + "}],\"matched\":1}", json);
    assertEquals(score, reader.parse(json).responses().get(0).hits().get(0).score());
    assertEquals(
        Float.floatToIntBits(score),
        Float.floatToIntBits(reader.parse(json).responses().get(0).hits().get(0).score()));
  }

  @Test
  void nonFiniteScoresAreRefused() {
    for (float bad : new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN}) {
      SearchResponse r = new SearchResponse(List.of(Hit.of(1, 0.5f), Hit.of(9, bad)), 2);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write(r));
      assertEquals(
          "hit 1 (id 9) has score "
              + bad
              + "; hits with non-finite scores must be dropped before writing",
          e.getMessage());
    }
  }

  @Test
  void attributesWhenIncluded() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("geo", "us");
    attrs.put("skills", List.of("java", "c++"));
    attrs.put("posted_at", 1_700_000_000L);
    attrs.put("rating", 4.5);
    attrs.put("remote", true);
    attrs.put("tags", List.of());
    SearchResponse r =
        SearchResponse.builder()
            .addHit(new Hit(42L, 0.93f, attrs))
            .addHit(Hit.of(43, 0.5f)) // an item without attribute values
            .setMatched(2)
            .optAttributesIncluded(true)
            .build();
    assertEquals(
        "{\"hits\":[{\"id\":42,\"score\":0.93,\"attributes\":{\"geo\":\"us\","
            + "\"skills\":[\"java\",\"c++\"],\"posted_at\":1700000000,\"rating\":4.5,"
            + "\"remote\":true,\"tags\":[]}},"
            + "{\"id\":43,\"score\":0.5,\"attributes\":{}}],\"matched\":2}",
        writer.write(r));
  }

  @Test
  void noAttributesKeyWhenNotIncluded() {
    SearchResponse r = new SearchResponse(List.of(Hit.of(1, 0.5f)), 1);
    assertFalse(r.attributesIncluded());
    assertFalse(writer.write(r).contains("attributes"));
  }

  @Test
  void textIsNotHtmlEscaped() {
    SearchResponse r =
        new SearchResponse(
            List.of(new Hit("a<b>&'c'=d", 1f, Map.of("q", "x = 'y' & z <> \"w\""))), 1);
    assertEquals(
        "{\"hits\":[{\"id\":\"a<b>&'c'=d\",\"score\":1.0,"
            + "\"attributes\":{\"q\":\"x = 'y' & z <> \\\"w\\\"\"}}],\"matched\":1}",
        writer.write(r));
  }

  @Test
  void statsOnlyWhenNonEmpty() {
    SearchResponse r =
        SearchResponse.builder()
            .setHits(List.of(Hit.of(1, 0.5f)))
            .setMatched(10)
            .optStat("path", "masked")
            .optStat("scanned", 100)
            .optStat("millis", 0.25f)
            .optStat("cached", false)
            .build();
    assertEquals(
        "{\"hits\":[{\"id\":1,\"score\":0.5}],\"matched\":10,"
            + "\"stats\":{\"path\":\"masked\",\"scanned\":100,\"millis\":0.25,\"cached\":false}}",
        writer.write(r));
    assertFalse(writer.write(r.toBuilder().optStats(Map.of()).build()).contains("stats"));
  }

  @Test
  void batchInRequestOrder() {
    SearchResponse a = new SearchResponse(List.of(Hit.of(1, 0.9f)), 5);
    SearchResponse b = new SearchResponse(List.of(), 0);
    SearchResponse c = new SearchResponse(List.of(Hit.of("x", 0.1f)), 1);
    assertEquals(
        "{\"responses\":[{\"hits\":[{\"id\":1,\"score\":0.9}],\"matched\":5},"
            + "{\"hits\":[],\"matched\":0},"
            + "{\"hits\":[{\"id\":\"x\",\"score\":0.1}],\"matched\":1}]}",
        writer.write(List.of(a, b, c), true));
    assertEquals("{\"responses\":[{\"hits\":[],\"matched\":0}]}", writer.write(List.of(b), true));
  }

  @Test
  void nonBatchNeedsExactlyOneResponse() {
    SearchResponse a = new SearchResponse(List.of(), 0);
    assertEquals(
        "a single (non-batch) request has exactly one response, got: 2",
        assertThrows(IllegalArgumentException.class, () -> writer.write(List.of(a, a), false))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> writer.write(List.of(), false));
    assertEquals("{\"responses\":[]}", writer.write(List.of(), true));
  }

  @Test
  void responsesRoundTrip() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("geo", "us");
    attrs.put("skills", List.of("java", "go"));
    attrs.put("years", List.of(1L, 2L));
    attrs.put("score", 0.1);
    attrs.put("whole", 3.0);
    attrs.put("ok", true);
    SearchResponse withAttrs =
        SearchResponse.builder()
            .addHit(new Hit(5L, 0.93f, attrs))
            .addHit(Hit.of(6, -1.5f))
            .setMatched(77)
            .optAttributesIncluded(true)
            .optStat("path", "masked")
            .optStat("n", 3)
            .optStat("t", 1.25)
            .build();
    SearchResponse strings = new SearchResponse(List.of(Hit.of("a", 0.3f), Hit.of("b", 0.2f)), 2);
    SearchResponse empty = new SearchResponse(List.of(), 0);

    List<SearchResponse> all = List.of(withAttrs, strings, empty);
    ParsedResponses batch = reader.parse(writer.write(all, true));
    assertTrue(batch.batch());
    assertEquals(all, batch.responses());

    ParsedResponses single = reader.parse(writer.writeBytes(List.of(withAttrs), false));
    assertFalse(single.batch());
    assertEquals(List.of(withAttrs), single.responses());
    assertEquals(3.0, single.responses().get(0).hits().get(0).attributes().get("whole"));
  }

  @Test
  void requestToResponseEndToEnd() {
    SearchRequestParser parser = new SearchRequestParser(2, 10, 8);
    ParsedRequests parsed =
        parser.parse(
            "{\"queries\": [{\"vector\": [1, 0], \"k\": 1}, {\"vector\": [0, 1], \"include\":"
                + " [\"attributes\"]}]}");
    List<SearchResponse> responses =
        parsed.requests().stream()
            .map(
                req ->
                    SearchResponse.builder()
                        .setHits(List.of(Hit.of(req.k(), 0.93f)))
                        .setMatched(100)
                        .optAttributesIncluded(req.includes(Include.ATTRIBUTES))
                        .build())
            .toList();
    assertEquals(
        "{\"responses\":[{\"hits\":[{\"id\":1,\"score\":0.93}],\"matched\":100},"
            + "{\"hits\":[{\"id\":10,\"score\":0.93,\"attributes\":{}}],\"matched\":100}]}",
        writer.write(responses, parsed.batch()));
  }

  @Test
  void responseParserErrorsNameThePath() {
    assertEquals(
        "responses[0].hits[1].score is required",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    reader.parse(
                        "{\"responses\":[{\"hits\":[{\"id\":1,\"score\":1},{\"id\":2}],"
                            + "\"matched\":2}]}"))
            .getMessage());
    assertEquals(
        "hits[0].id must be a string or a 64-bit integer, got a number: 1.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> reader.parse("{\"hits\":[{\"id\":1.5,\"score\":1}],\"matched\":1}"))
            .getMessage());
    assertEquals(
        "response: matched must be at least the number of hits (1), got: 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> reader.parse("{\"hits\":[{\"id\":1,\"score\":1}],\"matched\":0}"))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> reader.parse("{\"hits\":["))
            .getMessage()
            .startsWith("response body is not valid JSON: "));
  }
}
