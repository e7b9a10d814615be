package dev.linr.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One attribute of the index schema. In schema files it is written {@code "name": "type"} with a
 * {@code []} suffix for multi-valued attributes, e.g. {@code "skills": "string[]"}.
 *
 * @param name attribute name: a letter or underscore, then letters, digits or underscores
 * @param type value type
 * @param multiValued whether an item may hold several values (an array in the item JSON)
 */
public record AttributeSpec(String name, AttributeType type, boolean multiValued) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  public AttributeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "attribute name '"
              + name
              + "' is invalid: use a letter or underscore, then letters, digits or underscores"
              + " (at most 64)");
    }
  }

  /** The type as written in schema files: {@code int}, {@code string[]}, ... */
  public String typeName() {
    return type.jsonName() + (multiValued ? "[]" : "");
  }

  /** Parses a type as written in schema files. */
  public static AttributeSpec parse(String name, String typeName) {
    String t = typeName == null ? "" : typeName.trim();
    boolean multi = t.endsWith("[]");
    if (multi) {
      t = t.substring(0, t.length() - 2);
    }
    try {
      return new AttributeSpec(name, AttributeType.parse(t), multi);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("attribute '" + name + "': " + e.getMessage(), e);
    }
  }
}
