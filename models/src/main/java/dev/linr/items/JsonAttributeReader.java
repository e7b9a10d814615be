package dev.linr.items;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code attributes} object of one JSON item. With a schema, values are checked and
 * converted to the declared types (ints widen to FLOAT; a single value for a multi-valued attribute
 * becomes a one-element list). Without one, values keep their literal types (an integer literal is
 * a Long, a literal with fraction or exponent a Double; arrays mixing the two become Doubles) and
 * each is reported to the observer.
 */
final class JsonAttributeReader {
  private final Path file;
  private final IndexSchema schema;
  private final AttributeObserver observer;
  private final Set<String> validNames = new HashSet<>();
  private final String schemaNames;
  private long line;

  JsonAttributeReader(Path file, IndexSchema schema, AttributeObserver observer) {
    this.file = file;
    this.schema = schema;
    this.observer = observer;
    this.schemaNames =
        schema == null
            ? ""
            : schema.attributes().isEmpty()
                ? "the schema declares no attributes"
                : "schema attributes: "
                    + schema.attributes().stream()
                        .map(AttributeSpec::name)
                        .collect(Collectors.joining(", "));
  }

  /** The observer, or null. */
  AttributeObserver observer() {
    return observer;
  }

  /** Reads the value of the {@code attributes} field: an object or null. */
  Map<String, List<Object>> read(JsonReader r, long line) throws IOException {
    this.line = line;
    JsonToken t = r.peek();
    if (t == JsonToken.NULL) {
      r.nextNull();
      return Map.of();
    }
    if (t != JsonToken.BEGIN_OBJECT) {
      throw fail("attributes", "attributes must be an object, got " + JsonTokens.describe(r, t));
    }
    r.beginObject();
    Map<String, List<Object>> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    while (r.hasNext()) {
      String name = r.nextName();
      if (!seen.add(name)) {
        throw fail("attributes." + name, "duplicate attribute '" + name + "'");
      }
      AttributeSpec spec = lookup(name);
      List<Object> values = readValue(r, name, spec);
      if (values != null) {
        out.put(name, values);
      }
    }
    r.endObject();
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  private AttributeSpec lookup(String name) {
    if (schema != null) {
      Optional<AttributeSpec> spec = schema.attribute(name);
      if (spec.isEmpty()) {
        throw fail(
            "attributes." + name,
            "attribute '" + name + "' is not in the schema (" + schemaNames + ")");
      }
      return spec.get();
    }
    if (!validNames.contains(name)) {
      try {
        new AttributeSpec(name, AttributeType.STRING, false);
      } catch (IllegalArgumentException e) {
        throw fail("attributes." + name, e.getMessage());
      }
      validNames.add(name);
    }
    return null;
  }

  private List<Object> readValue(JsonReader r, String name, AttributeSpec spec) throws IOException {
    JsonToken t = r.peek();
    switch (t) {
      case NULL:
        r.nextNull();
        observe(name, null, false);
        return null;
      case BEGIN_OBJECT:
        throw fail(
            "attributes." + name,
            "attribute '"
                + name
                + "' must be a string, number, bool or an array of those, got an object");
      case BEGIN_ARRAY:
        return readArray(r, name, spec);
      default:
        Object v = scalar(r, t, name, -1, spec);
        observe(name, kindOf(v), false);
        return List.of(v);
    }
  }

  private List<Object> readArray(JsonReader r, String name, AttributeSpec spec) throws IOException {
    r.beginArray();
    if (!r.hasNext()) {
      r.endArray();
      observe(name, null, true);
      return null;
    }
    if (spec != null && !spec.multiValued()) {
      throw fail(
          "attributes." + name,
          "attribute '"
              + name
              + "': expected a single "
              + spec.type().jsonName()
              + ", got an array (declare it as "
              + spec.type().jsonName()
              + "[] to allow several values)");
    }
    List<Object> values = new ArrayList<>();
    AttributeType kind = null;
    boolean widen = false;
    int index = 0;
    while (r.hasNext()) {
      Object v = scalar(r, r.peek(), name, index, spec);
      AttributeType k = kindOf(v);
      if (kind == null || kind == k) {
        kind = k;
      } else if (isNumber(kind) && isNumber(k)) {
        kind = AttributeType.FLOAT;
        widen = true;
      } else {
        throw fail(
            "attributes." + name,
            "attribute '"
                + name
                + "' mixes "
                + kind.jsonName()
                + " and "
                + k.jsonName()
                + " values in one array (element "
                + index
                + ")");
      }
      values.add(v);
      index++;
    }
    r.endArray();
    if (widen) {
      values.replaceAll(v -> v instanceof Long l ? (Object) l.doubleValue() : v);
    }
    observe(name, kind, true);
    return Collections.unmodifiableList(values);
  }

  /** One scalar, converted to the schema's type (or its literal type without a schema). */
  private Object scalar(JsonReader r, JsonToken t, String name, int index, AttributeSpec spec)
      throws IOException {
    String where = "attribute '" + name + "'" + (index >= 0 ? " element " + index : "");
    String field = "attributes." + name;
    AttributeType kind;
    String text = null;
    boolean bool = false;
    switch (t) {
      case STRING:
        kind = AttributeType.STRING;
        text = r.nextString();
        break;
      case NUMBER:
        text = r.nextString();
        kind = JsonNumbers.isIntegerLiteral(text) ? AttributeType.INT : AttributeType.FLOAT;
        break;
      case BOOLEAN:
        kind = AttributeType.BOOL;
        bool = r.nextBoolean();
        break;
      case NULL:
        r.nextNull();
        throw fail(field, where + " is null; arrays must not hold nulls");
      default:
        throw fail(
            field,
            where
                + " is "
                + JsonTokens.describe(r, t)
                + "; values must be strings, numbers or bools (no nesting)");
    }
    AttributeType target = spec == null ? kind : spec.type();
    if (kind != target && !(target == AttributeType.FLOAT && kind == AttributeType.INT)) {
      String actual =
          kind == AttributeType.STRING
              ? "string " + JsonNumbers.quote(text)
              : kind == AttributeType.BOOL ? "bool " + bool : "number " + text;
      throw fail(field, where + ": expected " + target.jsonName() + ", got " + actual);
    }
    switch (target) {
      case STRING:
        return text;
      case BOOL:
        return bool;
      case INT:
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw fail(field, where + ": integer " + text + " is outside the 64-bit range");
        }
      default:
        double d = Double.parseDouble(text);
        if (!Double.isFinite(d)) {
          throw fail(field, where + ": " + text + " is outside the float64 range");
        }
        return d;
    }
  }

  /** The attribute type a parsed value (String, Long, Double, Boolean) has. */
  static AttributeType kindOf(Object v) {
    if (v instanceof String) {
      return AttributeType.STRING;
    }
    if (v instanceof Long) {
      return AttributeType.INT;
    }
    if (v instanceof Double) {
      return AttributeType.FLOAT;
    }
    return AttributeType.BOOL;
  }

  static boolean isNumber(AttributeType t) {
    return t == AttributeType.INT || t == AttributeType.FLOAT;
  }

  private void observe(String name, AttributeType kind, boolean array) {
    if (observer != null) {
      observer.observe(name, kind, array, line);
    }
  }

  private ItemInputException fail(String field, String reason) {
    return new ItemInputException(file, line, field, reason);
  }
}
