package dev.linr.items;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses one JSON Lines item with Gson's strict streaming reader: {@code id}, {@code vector}
 * (unless vectors come from a {@code .npy} file), {@code attributes} and {@code expires_at}, in any
 * order. Tracks what the whole input must agree on: the id kind and the vector dimension (from the
 * schema when given, else from the first item).
 */
final class JsonItemParser {
  private final Path file;
  private final IndexSchema schema;
  private final Path vectorFile;
  private final JsonAttributeReader attributes;
  private final String expectedFields;
  private IdType idKind;
  private long idKindLine;
  private int dimension;
  private String dimensionOrigin;
  private long line;

  /**
   * @param schema the schema to check against, or null to infer id kind and dimension from the
   *     first item and keep literal attribute types
   * @param vectorFile the {@code .npy} file vectors come from, or null when they are inline
   * @param observer sees attribute values when there is no schema; may be null
   */
  JsonItemParser(Path file, IndexSchema schema, Path vectorFile, AttributeObserver observer) {
    this.file = file;
    this.schema = schema;
    this.vectorFile = vectorFile;
    this.attributes = new JsonAttributeReader(file, schema, observer);
    this.expectedFields =
        vectorFile == null ? "id, vector, attributes, expires_at" : "id, attributes, expires_at";
    if (schema != null) {
      idKind = schema.idType();
      if (vectorFile == null) {
        dimension = schema.dimension();
        dimensionOrigin = "the schema";
      }
    }
  }

  /** The id kind: the schema's, or the first item's; null before the first item. */
  IdType idKind() {
    return idKind;
  }

  /** The inline vector dimension: the schema's or the first item's; 0 before it is known. */
  int dimension() {
    return dimension;
  }

  /** A fast path for this parser's lines; see {@link FastJsonItemParser}. */
  FastJsonItemParser fastPath() {
    return new FastJsonItemParser(this, schema, vectorFile == null, attributes.observer());
  }

  /**
   * Records what parsing a line the fast path accepted would have: the id kind and the vector
   * dimension when not known before.
   *
   * @param dim the inline vector's length, or 0 without one
   */
  void acceptFast(IdType kind, int dim, long line) {
    this.line = line;
    if (idKind == null) {
      idKind = kind;
      idKindLine = line;
    }
    if (dimension == 0 && dim > 0) {
      dimension = dim;
      dimensionOrigin = "line " + line;
    }
  }

  /** Parses a non-blank line. */
  ItemFields parse(String text, long line) {
    this.line = line;
    JsonReader r = new JsonReader(new StringReader(text));
    r.setStrictness(Strictness.STRICT);
    try {
      return read(r);
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw malformed(text, r.getPath(), e);
    }
  }

  private ItemFields read(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    if (t != JsonToken.BEGIN_OBJECT) {
      throw fail(null, "expected a JSON object, got " + JsonTokens.describe(r, t));
    }
    r.beginObject();
    ItemId id = null;
    float[] vector = null;
    Map<String, List<Object>> attrs = null;
    OptionalLong expiresAt = null;
    while (r.hasNext()) {
      String name = r.nextName();
      switch (name) {
        case "id":
          requireFirst(id == null, name);
          id = readId(r);
          break;
        case "vector":
          if (vectorFile != null) {
            throw fail(
                "vector", "field 'vector' is not allowed here: vectors come from " + vectorFile);
          }
          requireFirst(vector == null, name);
          vector = readVector(r);
          break;
        case "attributes":
          requireFirst(attrs == null, name);
          attrs = attributes.read(r, line);
          break;
        case "expires_at":
          requireFirst(expiresAt == null, name);
          expiresAt = readExpiresAt(r);
          break;
        default:
          throw fail(name, "unknown field '" + name + "'; expected " + expectedFields);
      }
    }
    r.endObject();
    try {
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedJsonException("trailing value");
      }
    } catch (MalformedJsonException e) {
      throw fail(null, "unexpected text after the JSON object");
    }
    if (id == null) {
      throw fail("id", "missing field 'id'");
    }
    if (vector == null && vectorFile == null) {
      throw fail("vector", "missing field 'vector'");
    }
    return new ItemFields(
        id,
        vector,
        attrs == null ? Map.of() : attrs,
        expiresAt == null ? OptionalLong.empty() : expiresAt);
  }

  private void requireFirst(boolean first, String name) {
    if (!first) {
      throw fail(name, "duplicate field '" + name + "'");
    }
  }

  private ItemId readId(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    ItemId id;
    if (t == JsonToken.NUMBER) {
      String s = r.nextString();
      if (!JsonNumbers.isIntegerLiteral(s)) {
        throw fail(
            "id",
            "id must be an integer or a string, got number "
                + s
                + " (integer ids have no fraction or exponent)");
      }
      try {
        id = new ItemId.Num(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw fail("id", "id " + s + " is outside the 64-bit integer range");
      }
    } else if (t == JsonToken.STRING) {
      String s = r.nextString();
      if (s.isEmpty()) {
        throw fail("id", "id must not be an empty string");
      }
      id = new ItemId.Str(s);
    } else {
      throw fail("id", "id must be an integer or a string, got " + JsonTokens.describe(r, t));
    }
    checkIdKind(id);
    return id;
  }

  private void checkIdKind(ItemId id) {
    if (idKind == null) {
      idKind = id.type();
      idKindLine = line;
    } else if (id.type() != idKind) {
      String shown = id instanceof ItemId.Str ? JsonNumbers.quote(id.toString()) : id.toString();
      String origin =
          schema != null
              ? "the schema's id_type is " + idKind.jsonName()
              : "the id on line " + idKindLine + " is " + kindName(idKind);
      throw fail(
          "id",
          "id "
              + shown
              + " is "
              + kindName(id.type())
              + " but "
              + origin
              + "; all ids must be of one kind");
    }
  }

  private static String kindName(IdType t) {
    return t == IdType.INT ? "an integer" : "a string";
  }

  private float[] readVector(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    if (t != JsonToken.BEGIN_ARRAY) {
      throw fail("vector", "vector must be an array of numbers, got " + JsonTokens.describe(r, t));
    }
    r.beginArray();
    int expected = dimension;
    float[] v = new float[expected > 0 ? expected : 64];
    int n = 0;
    while (r.hasNext()) {
      if (expected > 0 && n >= expected) {
        r.skipValue(); // too many: count them for the message
        n++;
        continue;
      }
      if (n >= IndexSchema.MAX_DIMENSION) {
        throw fail("vector", "vector has more than " + IndexSchema.MAX_DIMENSION + " values");
      }
      JsonToken e = r.peek();
      if (e != JsonToken.NUMBER) {
        throw fail(
            "vector",
            "vector element " + n + " is " + JsonTokens.describe(r, e) + "; expected a number");
      }
      String text = r.nextString();
      float f = Float.parseFloat(text);
      if (!Float.isFinite(f)) {
        throw fail(
            "vector", "vector element " + n + " (" + text + ") is outside the float32 range");
      }
      if (n == v.length) {
        v = Arrays.copyOf(v, Math.min(IndexSchema.MAX_DIMENSION, v.length * 2));
      }
      v[n++] = f;
    }
    r.endArray();
    if (n == 0) {
      throw fail(
          "vector",
          "vector is empty"
              + (expected > 0
                  ? "; expected " + expected + " values (from " + dimensionOrigin + ")"
                  : ""));
    }
    if (expected > 0 && n != expected) {
      throw fail(
          "vector",
          "vector has " + n + " values, expected " + expected + " (from " + dimensionOrigin + ")");
    }
    if (expected == 0) {
      dimension = n;
      dimensionOrigin = "line " + line;
      return n == v.length ? v : Arrays.copyOf(v, n);
    }
    return v;
  }

  private OptionalLong readExpiresAt(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    if (t == JsonToken.NULL) {
      r.nextNull();
      return OptionalLong.empty();
    }
    if (t == JsonToken.NUMBER) {
      String s = r.nextString();
      if (JsonNumbers.isIntegerLiteral(s)) {
        try {
          return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
          throw fail("expires_at", "expires_at " + s + " is outside the 64-bit integer range");
        }
      }
      throw fail("expires_at", "expires_at must be an integer (epoch seconds), got number " + s);
    }
    throw fail(
        "expires_at",
        "expires_at must be an integer (epoch seconds), got " + JsonTokens.describe(r, t));
  }

  /** Turns a Gson failure into a message, naming NaN and infinities specifically. */
  private ItemInputException malformed(String text, String path, Exception e) {
    String literal = NonFiniteFinder.find(text, path);
    String field = fieldOf(path);
    if (literal != null) {
      String why = "; values must be finite numbers (JSON has no NaN or Infinity)";
      if (path.startsWith("$.vector[")) {
        return fail(field, "vector element " + index(path) + " is " + literal + why);
      }
      if (path.startsWith("$.attributes.")) {
        String name = field.substring("attributes.".length());
        int index = index(path);
        return fail(
            field,
            "attribute '"
                + name
                + "'"
                + (index >= 0 ? " element " + index : "")
                + " is "
                + literal
                + why);
      }
      return fail(field, path.substring(Math.min(2, path.length())) + " is " + literal + why);
    }
    return fail(field, "malformed JSON: " + gsonReason(e));
  }

  static String gsonReason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int see = m.indexOf("\nSee ");
    if (see >= 0) {
      m = m.substring(0, see);
    }
    m =
        m.replace(
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
            "unexpected character");
    m = m.replace(" at line 1 column ", " at column ");
    return m.trim();
  }

  /**
   * {@code $.vector[3]} is field {@code vector}, {@code $.attributes.geo[0]} {@code
   * attributes.geo}.
   */
  static String fieldOf(String path) {
    if (path == null || !path.startsWith("$.") || path.length() == 2) {
      return null;
    }
    String rest = path.substring(2);
    int bracket = rest.indexOf('[');
    if (bracket >= 0) {
      rest = rest.substring(0, bracket);
    }
    if (rest.startsWith("attributes.")) {
      int dot = rest.indexOf('.', "attributes.".length());
      return dot < 0 ? rest : rest.substring(0, dot);
    }
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static int index(String path) {
    if (!path.endsWith("]")) {
      return -1;
    }
    int open = path.lastIndexOf('[');
    try {
      return Integer.parseInt(path.substring(open + 1, path.length() - 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private ItemInputException fail(String field, String reason) {
    return new ItemInputException(file, line, field, reason);
  }
}
