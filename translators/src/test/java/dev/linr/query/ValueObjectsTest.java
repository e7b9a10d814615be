package dev.linr.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.IdType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {
  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  // ---- SearchRequest

  @Test
  void requestDefaultsAndAccessors() {
    SearchRequest r = SearchRequest.builder().setVector(new float[] {1, 2}).build();
    assertEquals(SearchRequest.DEFAULT_K, r.k());
    assertEquals(Optional.empty(), r.filter());
    assertEquals(Set.of(), r.include());
    assertFalse(r.includes(Include.ATTRIBUTES));
    assertEquals(2, r.dimension());
    float[] dest = new float[5];
    r.copyVectorTo(dest, 2);
    assertArrayEquals(new float[] {0, 0, 1, 2, 0}, dest);
  }

  @Test
  void requestCopiesVectorsInAndOut() {
    float[] v = {1, 2, 3};
    SearchRequest r = SearchRequest.builder().setVector(v).build();
    v[0] = 99;
    assertArrayEquals(new float[] {1, 2, 3}, r.vector());
    r.vector()[1] = 99;
    assertArrayEquals(new float[] {1, 2, 3}, r.vector());
    assertThrows(UnsupportedOperationException.class, () -> r.include().add(Include.ATTRIBUTES));
  }

  @Test
  void requestValidation() {
    assertEquals("vector is required", error(() -> SearchRequest.builder().build()));
    assertEquals(
        "vector must not be empty",
        error(() -> SearchRequest.builder().setVector(new float[0]).build()));
    assertEquals(
        "vector[1] is NaN; vector values must be finite numbers",
        error(() -> SearchRequest.builder().setVector(new float[] {1, Float.NaN}).build()));
    assertEquals(
        "vector[0] is -Infinity; vector values must be finite numbers",
        error(
            () ->
                SearchRequest.builder().setVector(new float[] {Float.NEGATIVE_INFINITY}).build()));
    assertEquals(
        "k must be at least 1, got: 0",
        error(() -> SearchRequest.builder().setVector(new float[] {1}).optK(0).build()));
    List<Include> withNull = new ArrayList<>();
    withNull.add(null);
    assertEquals(
        "include must not contain null", error(() -> SearchRequest.builder().optInclude(withNull)));
  }

  @Test
  void requestEqualityAndBuilderCopy() {
    SearchRequest a =
        SearchRequest.builder()
            .setVector(new float[] {1, 2})
            .optK(3)
            .optFilter("x = 1")
            .optInclude(Include.ATTRIBUTES)
            .build();
    SearchRequest b = a.toBuilder().build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().optK(4).build());
    assertNotEquals(a, a.toBuilder().setVector(new float[] {1, 3}).build());
    assertNotEquals(a, a.toBuilder().optFilter(null).build());
    assertNotEquals(a, a.toBuilder().optInclude(Set.of()).build());
    assertEquals(Optional.empty(), a.toBuilder().optFilter(" ").build().filter());
    assertEquals(
        "SearchRequest{vector=float[2] [1.0, 2.0], k=3, filter=x = 1, include=[ATTRIBUTES]}",
        a.toString());
  }

  @Test
  void requestJson() {
    SearchRequest r =
        SearchRequest.builder()
            .setVector(new float[] {0.93f, 1})
            .optK(5)
            .optFilter("a = 1")
            .build();
    assertEquals("{\"vector\":[0.93,1.0],\"k\":5,\"filter\":\"a = 1\"}", r.toJson().toString());
    assertEquals(
        "{\"queries\":[{\"vector\":[0.93,1.0],\"k\":5,\"filter\":\"a = 1\"}]}",
        SearchRequest.toBatchJson(List.of(r)).toString());
  }

  // ---- Include

  @Test
  void includeNames() {
    assertEquals(Include.ATTRIBUTES, Include.parse("attributes"));
    assertEquals(Include.ATTRIBUTES, Include.parse(" Attributes "));
    assertEquals("attributes", Include.ATTRIBUTES.jsonName());
    assertEquals(Include.VECTOR, Include.parse("Vector"));
    assertEquals("vector", Include.VECTOR.jsonName());
    assertEquals(
        "unknown include 'vectors'; valid: attributes, vector",
        error(() -> Include.parse("vectors")));
    assertEquals(
        "unknown include 'null'; valid: attributes, vector", error(() -> Include.parse(null)));
  }

  // ---- Hit

  @Test
  void hitIdsAreLongOrString() {
    assertEquals(42L, new Hit(42, 1f).id());
    assertEquals(42L, new Hit((short) 42, 1f).id());
    assertEquals(IdType.INT, Hit.of(1, 0f).idType());
    assertEquals(IdType.STRING, Hit.of("a", 0f).idType());
    assertEquals(
        "id must be a Long or a String, got: java.lang.Double 1.5", error(() -> new Hit(1.5, 1f)));
    assertThrows(NullPointerException.class, () -> new Hit(null, 1f));
    assertEquals(Hit.of(1, 0.5f), new Hit(1, 0.5f, null));
    assertEquals(Map.of(), Hit.of(1, 0.5f).attributes());
  }

  @Test
  void hitAttributesAreNormalisedAndCopied() {
    List<Object> skills = new ArrayList<>(List.of("a", "b"));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("n", 3);
    attrs.put("f", 0.93f);
    attrs.put("skills", skills);
    attrs.put("ints", List.of(1, 2L));
    Hit h = new Hit(1L, 1f, attrs);
    skills.add("c");
    attrs.put("late", "x");
    assertEquals(List.of("n", "f", "skills", "ints"), new ArrayList<>(h.attributes().keySet()));
    assertEquals(3L, h.attributes().get("n"));
    assertEquals(0.93, h.attributes().get("f"));
    assertEquals(List.of("a", "b"), h.attributes().get("skills"));
    assertEquals(List.of(1L, 2L), h.attributes().get("ints"));
    assertThrows(UnsupportedOperationException.class, () -> h.attributes().put("x", "y"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> ((List<?>) h.attributes().get("skills")).clear());
    assertEquals(Map.of("g", "us"), h.withAttributes(Map.of("g", "us")).attributes());
  }

  @Test
  void hitAttributeValidation() {
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("geo", null);
    assertEquals(
        "attribute 'geo' must not be null; leave it out instead",
        error(() -> new Hit(1L, 1f, nullValue)));
    assertEquals(
        "attribute 'x' has a value of type java.lang.Object; valid: String, Long, Double, Boolean"
            + " or a List of them",
        error(() -> new Hit(1L, 1f, Map.of("x", new Object()))));
    assertEquals(
        "attribute 'x' value 1 has a value of type java.util.ImmutableCollections$List12;"
            + " valid: String, Long, Double or Boolean",
        error(() -> new Hit(1L, 1f, Map.of("x", List.of("a", List.of("b"))))));
    assertEquals(
        "attribute 'r' is NaN; JSON numbers must be finite",
        error(() -> new Hit(1L, 1f, Map.of("r", Double.NaN))));
    assertEquals(
        "attribute names must not be null or empty", error(() -> new Hit(1L, 1f, Map.of("", 1))));
  }

  // ---- SearchResponse

  @Test
  void responseValidation() {
    assertEquals("matched is required", error(() -> SearchResponse.builder().build()));
    assertEquals(
        "matched must be at least 0, got: -1", error(() -> new SearchResponse(List.of(), -1)));
    assertEquals(
        "matched must be at least the number of hits (2), got: 1",
        error(() -> new SearchResponse(List.of(Hit.of(1, 1f), Hit.of(2, 1f)), 1)));
    assertEquals(
        "stat 'path' must not be null; leave it out instead",
        error(() -> SearchResponse.builder().optStat("path", null)));
    assertEquals(
        "stat 'x' has a value of type java.util.ImmutableCollections$ListN; valid: String, Long,"
            + " Double or Boolean",
        error(() -> SearchResponse.builder().optStat("x", List.of())));
    assertEquals(
        "stat 'ms' is Infinity; JSON numbers must be finite",
        error(() -> SearchResponse.builder().optStats(Map.of("ms", Float.POSITIVE_INFINITY))));
    assertEquals(
        "stat names must not be null or empty",
        error(() -> SearchResponse.builder().optStat("", 1)));
    List<Hit> withNull = new ArrayList<>();
    withNull.add(null);
    assertEquals(
        "hits must not contain null", error(() -> SearchResponse.builder().setHits(withNull)));
  }

  @Test
  void responseCopiesAndDerivesAttributesIncluded() {
    List<Hit> hits = new ArrayList<>(List.of(Hit.of(1, 1f)));
    SearchResponse r = new SearchResponse(hits, 5);
    hits.add(Hit.of(2, 0.5f));
    assertEquals(1, r.hits().size());
    assertThrows(UnsupportedOperationException.class, () -> r.hits().add(Hit.of(3, 0f)));
    assertFalse(r.attributesIncluded());
    assertEquals(Map.of(), r.stats());

    SearchResponse withAttrs = new SearchResponse(List.of(new Hit(1L, 1f, Map.of("g", "us"))), 1);
    assertTrue(withAttrs.attributesIncluded());
    assertTrue(
        SearchResponse.builder()
            .setMatched(0)
            .optAttributesIncluded(true)
            .build()
            .attributesIncluded());

    SearchResponse s =
        SearchResponse.builder().setMatched(3).optStats(Map.of("n", 2, "f", 0.5f)).build();
    assertEquals(Map.of("n", 2L, "f", 0.5), s.stats());
    assertEquals(s, s.toBuilder().build());
    assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
    assertNotEquals(s, s.toBuilder().setMatched(4).build());
  }

  // ---- records and exception

  @Test
  void parsedRequestsAndException() {
    SearchRequest q = SearchRequest.builder().setVector(new float[] {1}).build();
    assertEquals(
        "a single (non-batch) request holds exactly one query, got: 2",
        error(() -> new ParsedRequests(List.of(q, q), false)));
    assertEquals("requests must not be empty", error(() -> new ParsedRequests(List.of(), true)));
    assertEquals(2, new ParsedRequests(List.of(q, q), true).requests().size());

    RequestParseException e = new RequestParseException("queries[0].k", "queries[0].k is bad");
    assertEquals("queries[0].k", e.field());
    assertEquals("queries[0].k is bad", e.getMessage());
    assertThrows(NullPointerException.class, () -> new RequestParseException(null, "x"));
  }
}
