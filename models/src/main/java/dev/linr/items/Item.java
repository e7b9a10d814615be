package dev.linr.items;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One item: id, vector, attributes and optional expiry. Immutable, except that {@link #vector()}
 * returns the item's own array (for speed), which callers must not modify.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double} or {@link Boolean}; every
 * attribute present holds at least one value (a single-valued attribute holds exactly one), and
 * attributes the item lacks are absent from the map.
 */
public final class Item {
  private final ItemId id;
  private final float[] vector;
  private final Map<String, List<Object>> attributes;
  private final OptionalLong expiresAt;
  private final int line;

  private Item(
      ItemId id,
      float[] vector,
      Map<String, List<Object>> attributes,
      OptionalLong expiresAt,
      int line) {
    this.id = id;
    this.vector = vector;
    this.attributes = attributes;
    this.expiresAt = expiresAt;
    this.line = line;
  }

  /**
   * An item from caller data; the vector and attributes are copied and checked.
   *
   * @param line the 1-based line it came from, or 0
   * @throws IllegalArgumentException for an empty vector, an empty value list or a value of another
   *     type than String, Long, Double or Boolean
   */
  public static Item of(
      ItemId id,
      float[] vector,
      Map<String, List<Object>> attributes,
      OptionalLong expiresAt,
      int line) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector must not be empty");
    }
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<Object>> e : attributes.entrySet()) {
      List<Object> values = List.copyOf(e.getValue());
      if (values.isEmpty()) {
        throw new IllegalArgumentException("attribute '" + e.getKey() + "' has no values");
      }
      for (Object v : values) {
        if (!(v instanceof String
            || v instanceof Long
            || v instanceof Double
            || v instanceof Boolean)) {
          throw new IllegalArgumentException(
              "attribute '"
                  + e.getKey()
                  + "' value "
                  + v
                  + " is not a String, Long, Double or Boolean");
        }
      }
      copy.put(e.getKey(), values);
    }
    return new Item(
        id, vector.clone(), Collections.unmodifiableMap(copy), expiresAt, Math.max(0, line));
  }

  /** For readers: takes ownership of the arrays and an already unmodifiable, checked map. */
  static Item owned(
      ItemId id,
      float[] vector,
      Map<String, List<Object>> attributes,
      OptionalLong expiresAt,
      long line) {
    return new Item(
        id, vector, attributes, expiresAt, (int) Math.min(Integer.MAX_VALUE, Math.max(0, line)));
  }

  public ItemId id() {
    return id;
  }

  /** The vector: finite floats, the input's dimension. The item's own array; do not modify. */
  public float[] vector() {
    return vector;
  }

  /** Present attributes in input order, each with one or more values. Unmodifiable. */
  public Map<String, List<Object>> attributes() {
    return attributes;
  }

  /** The values of one attribute; empty when the item lacks it. */
  public List<Object> attribute(String name) {
    List<Object> v = attributes.get(name);
    return v == null ? List.of() : v;
  }

  /** Expiry in epoch seconds, if the item has one. */
  public OptionalLong expiresAt() {
    return expiresAt;
  }

  /**
   * The 1-based physical line of the item's metadata (for CSV, the line its record starts on); 0
   * when unknown; clamped to {@link Integer#MAX_VALUE}.
   */
  public int line() {
    return line;
  }

  @Override
  public String toString() {
    String v =
        vector.length <= 8
            ? Arrays.toString(vector)
            : Arrays.toString(Arrays.copyOf(vector, 8)).replace("]", ", ...]");
    return "Item{id="
        + id
        + ", vector="
        + v
        + ", attributes="
        + attributes
        + (expiresAt.isPresent() ? ", expiresAt=" + expiresAt.getAsLong() : "")
        + ", line="
        + line
        + "}";
  }
}
