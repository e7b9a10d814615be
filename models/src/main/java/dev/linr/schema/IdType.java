package dev.linr.schema;

/** Whether item ids are 64-bit integers or strings. String ids come back as strings. */
public enum IdType {
  INT,
  STRING;

  /** The name used in schema files. */
  public String jsonName() {
    return this == INT ? "int" : "string";
  }

  /** Parses {@code int} or {@code string}. */
  public static IdType parse(String text) {
    if ("int".equalsIgnoreCase(text) || "long".equalsIgnoreCase(text)) {
      return INT;
    }
    if ("string".equalsIgnoreCase(text)) {
      return STRING;
    }
    throw new IllegalArgumentException("unknown id type '" + text + "'; valid: int, string");
  }
}
