package dev.linr.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Optional parts of each hit that a request asks for in its {@code include} array. */
public enum Include {
  /** The item's attribute values, as {@code "attributes": {"geo": "us", "skills": ["a"]}}. */
  ATTRIBUTES,
  /**
   * The item's stored embedding, as {@code "vector": [0.25, -0.5]}: the values the index scores
   * with, widened from the storage type to float32 (so float16 and bfloat16 indexes return the
   * rounded values), normalised to unit length for cosine indexes (a zero vector stays zero).
   */
  VECTOR;

  /** The name used in request JSON: {@code attributes}, {@code vector}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a name as written in request JSON (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public static Include parse(String name) {
    String n = name == null ? "" : name.trim();
    for (Include i : values()) {
      if (i.jsonName().equalsIgnoreCase(n)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown include '" + name + "'; valid: " + validNames());
  }

  /** The valid names, comma-separated, for error messages: {@code attributes, vector}. */
  public static String validNames() {
    return Arrays.stream(values()).map(Include::jsonName).collect(Collectors.joining(", "));
  }
}
