package dev.linr.schema;

import java.util.Locale;

/** The value type of an item attribute. Multi-valued attributes are arrays of one of these. */
public enum AttributeType {
  /** Text; compared for equality only. */
  STRING,
  /** 64-bit signed integer (ids, counts, epoch-second timestamps). */
  INT,
  /** 64-bit floating point. */
  FLOAT,
  /** true or false. */
  BOOL;

  /** The name used in schema files. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code string}, {@code int}, {@code float} or {@code bool} (also long, double, boolean).
   */
  public static AttributeType parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "string":
      case "str":
        return STRING;
      case "int":
      case "long":
      case "integer":
        return INT;
      case "float":
      case "double":
        return FLOAT;
      case "bool":
      case "boolean":
        return BOOL;
      default:
        throw new IllegalArgumentException(
            "unknown attribute type '" + text + "'; valid types: string, int, float, bool");
    }
  }
}
