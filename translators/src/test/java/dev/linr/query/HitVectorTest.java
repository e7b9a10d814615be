package dev.linr.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code include: ["vector"]}: the request, the hit value and the response JSON round trip. */
class HitVectorTest {
  private final SearchResponseWriter writer = new SearchResponseWriter();
  private final SearchResponseParser reader = new SearchResponseParser();

  @Test
  void requestParserAcceptsIncludeVector() {
    SearchRequest r =
        new SearchRequestParser()
            .parse("{\"vector\": [1, 2], \"include\": [\"vector\", \"attributes\"]}")
            .requests()
            .get(0);
    assertEquals(Set.of(Include.VECTOR, Include.ATTRIBUTES), r.include());
  }

  @Test
  void hitCopiesItsVectorInAndOut() {
    float[] v = {0.5f, -1f};
    Hit h = Hit.of(1, 1f).withVector(v);
    v[0] = 9f;
    assertArrayEquals(new float[] {0.5f, -1f}, h.vector());
    h.vector()[1] = 9f;
    assertArrayEquals(new float[] {0.5f, -1f}, h.vector());
    assertTrue(h.hasVector());
  }

  @Test
  void hitWithoutVectorHasNone() {
    assertNull(Hit.of(1, 1f).vector());
    assertFalse(Hit.of(1, 1f).hasVector());
    assertFalse(Hit.of(1, 1f).withVector(new float[] {1f}).withVector(null).hasVector());
  }

  @Test
  void hitsWithEqualVectorsAreEqual() {
    Hit a = new Hit(1L, 1f, Map.of("g", "us"), new float[] {0.25f, 2f});
    Hit b = new Hit(1L, 1f, Map.of("g", "us"), new float[] {0.25f, 2f});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.withVector(new float[] {0.25f, 3f}));
    assertNotEquals(a, b.withVector(null));
  }

  @Test
  void hitRejectsEmptyAndNonFiniteVectors() {
    assertEquals(
        "vector must not be empty; use null for no vector",
        assertThrows(IllegalArgumentException.class, () -> Hit.of(1, 1f).withVector(new float[0]))
            .getMessage());
    assertEquals(
        "vector[1] is NaN; vector values must be finite numbers",
        assertThrows(
                IllegalArgumentException.class,
                () -> Hit.of(1, 1f).withVector(new float[] {0f, Float.NaN}))
            .getMessage());
  }

  @Test
  void writerPutsTheVectorAfterTheAttributes() {
    SearchResponse r =
        SearchResponse.builder()
            .addHit(new Hit(42L, 0.93f, Map.of("g", "us"), new float[] {0.1f, -2f, 0.099975586f}))
            .setMatched(1)
            .build();
    assertEquals(
        "{\"hits\":[{\"id\":42,\"score\":0.93,\"attributes\":{\"g\":\"us\"},"
            + "\"vector\":[0.1,-2.0,0.099975586]}],\"matched\":1}",
        writer.write(r));
  }

  @Test
  void vectorsRoundTripBitForBit() {
    SplittableRandom random = new SplittableRandom(7);
    float[] v = new float[64];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-30, 30)));
    }
    v[0] = Float.MIN_VALUE;
    v[1] = -Float.MAX_VALUE;
    v[2] = -0f;
    SearchResponse r =
        SearchResponse.builder()
            .addHit(Hit.of("a", 1f).withVector(v))
            .addHit(Hit.of("b", 0.5f))
            .setMatched(2)
            .build();
    ParsedResponses parsed = reader.parse(writer.write(List.of(r, r), true));
    assertEquals(List.of(r, r), parsed.responses());
    float[] back = parsed.responses().get(1).hits().get(0).vector();
    for (int i = 0; i < v.length; i++) {
      assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]), "value " + i);
    }
    assertNull(parsed.responses().get(0).hits().get(1).vector());
  }

  @Test
  void responseParserNamesABadVectorValue() {
    RequestParseException e =
        assertThrows(
            RequestParseException.class,
            () ->
                reader.parse(
                    "{\"hits\":[{\"id\":1,\"score\":1},{\"id\":2,\"score\":1,"
                        + "\"vector\":[1,\"x\"]}],\"matched\":2}"));
    assertEquals("hits[1].vector[1]", e.field());
    assertEquals("hits[1].vector[1] must be a number, got a string: \"x\"", e.getMessage());
  }
}
