package dev.linr.query;

import dev.linr.schema.IdType;
import java.util.Map;
import java.util.Objects;

/**
 * One result: item id, score and (when the request included attributes) the item's attribute
 * values.
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
 */
public record Hit(Object id, float score, Map<String, Object> attributes) {
  public Hit {
    id = normalizeId(id);
    attributes = Values.attributes(attributes);
  }

  /** A hit without attributes. */
  public Hit(Object id, float score) {
    this(id, score, Map.of());
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

  /** This hit with other attributes. */
  public Hit withAttributes(Map<String, ?> attributes) {
    return new Hit(id, score, Values.attributes(attributes));
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
