package dev.linr.query;

import dev.linr.schema.IdType;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One result: item id, score and, when the request included them, the item's attribute values and
 * stored vector. Immutable: the vector is copied in and out.
 *
 * @param id the item id: a {@link Long} (int ids; Integer, Short and Byte are widened) or a {@link
 *     String}. Written as a JSON number or string respectively.
 * @param score the score; higher is better. Any float is accepted here, but {@link
 *     SearchResponseWriter} refuses non-finite scores, so drop -Infinity (masked-out) hits first.
 * @param attributes attribute name to value, in the order given; unmodifiable, empty when none. A
 *     single-valued attribute is a String, Long, Double or Boolean (Integer etc. are widened to
 *     Long, Float to the Double of the same decimal), written as a JSON scalar; a multi-valued one
 *     is a List of those, written as a JSON array. Null values are rejected: leave the attribute
 *     out.
 * @param vector the item's stored vector ({@link Include#VECTOR}), non-empty and finite, or null
 *     when not included
 */
public record Hit(Object id, float score, Map<String, Object> attributes, float[] vector) {
  public Hit {
    id = normalizeId(id);
    attributes = Values.attributes(attributes);
    vector = vector == null ? null : checkVector(vector.clone());
  }

  /** A hit without a vector. */
  public Hit(Object id, float score, Map<String, Object> attributes) {
    this(id, score, attributes, null);
  }

  /** A hit without attributes or vector. */
  public Hit(Object id, float score) {
    this(id, score, Map.of(), null);
  }

  /** A hit with an int id and no attributes. */
  public static Hit of(long id, float score) {
    return new Hit(id, score, Map.of());
  }

  /** A hit with a string id and no attributes. */
  public static Hit of(String id, float score) {
    return new Hit(id, score, Map.of());
  }

  /** Whether the id is a Long ({@link IdType#INT}) or a String ({@link IdType#STRING}). */
  public IdType idType() {
    return id instanceof String ? IdType.STRING : IdType.INT;
  }

  /** A copy of the vector, or null when it was not included. */
  @Override
  public float[] vector() {
    return vector == null ? null : vector.clone();
  }

  /** Whether the hit carries a vector. */
  public boolean hasVector() {
    return vector != null;
  }

  /** This hit with other attributes. */
  public Hit withAttributes(Map<String, ?> attributes) {
    return new Hit(id, score, Values.attributes(attributes), vector);
  }

  /** This hit with a vector (copied), or without one for null. */
  public Hit withVector(float[] vector) {
    return new Hit(id, score, attributes, vector);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hit h
        && id.equals(h.id)
        && Float.compare(score, h.score) == 0
        && attributes.equals(h.attributes)
        && Arrays.equals(vector, h.vector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, score, attributes, Arrays.hashCode(vector));
  }

  @Override
  public String toString() {
    return "Hit[id="
        + id
        + ", score="
        + score
        + ", attributes="
        + attributes
        + (vector == null ? "" : ", vector=float[" + vector.length + "]")
        + "]";
  }

  private static float[] checkVector(float[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("vector must not be empty; use null for no vector");
    }
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "vector[" + i + "] is " + v[i] + "; vector values must be finite numbers");
      }
    }
    return v;
  }

  private static Object normalizeId(Object id) {
    Objects.requireNonNull(id, "id");
    if (id instanceof Long || id instanceof String) {
      return id;
    }
    if (id instanceof Integer || id instanceof Short || id instanceof Byte) {
      return ((Number) id).longValue();
    }
    throw new IllegalArgumentException(
        "id must be a Long or a String, got: " + id.getClass().getName() + " " + id);
  }
}
