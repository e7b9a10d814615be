package dev.linr.query;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads JSON text into a Gson tree, leniently (as Gson's own parser does, so {@code NaN} and {@code
 * Infinity} tokens arrive as strings and can be reported where they are), but rejecting duplicate
 * object keys, which Gson would silently resolve to the last one. Numbers keep their text.
 */
public final class JsonTrees {
  /** Deeper nesting than any valid body has; guards the recursion. */
  static final int MAX_DEPTH = 64;

  private JsonTrees() {}

  /** A syntax problem at a path ({@code ""} for the whole text). */
  public static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The JSON path of the problem ({@code models.ranker}); empty for the whole text. */
    public final String path;

    SyntaxError(String path, String message, Throwable cause) {
      super(message, cause);
      this.path = path;
    }
  }

  /** Reads one JSON value; see the class comment. */
  public static JsonElement read(String json) throws SyntaxError {
    if (json.startsWith("\uFEFF")) {
      json = json.substring(1);
    }
    if (json.isBlank()) {
      throw new SyntaxError("", "is empty", null);
    }
    JsonReader r = new JsonReader(new StringReader(json));
    r.setStrictness(Strictness.LENIENT);
    try {
      JsonElement e = value(r, "", 0);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new SyntaxError(
            "", "is not valid JSON: unexpected data after the JSON value" + location(r), null);
      }
      return e;
    } catch (IOException | NumberFormatException | IllegalStateException e) {
      throw new SyntaxError("", "is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static JsonElement value(JsonReader r, String path, int depth)
      throws IOException, SyntaxError {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        checkDepth(path, depth);
        JsonObject o = new JsonObject();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          String p = path.isEmpty() ? name : path + "." + name;
          if (o.has(name)) {
            throw new SyntaxError(p, "appears more than once; give each field once", null);
          }
          o.add(name, value(r, p, depth + 1));
        }
        r.endObject();
        return o;
      case BEGIN_ARRAY:
        checkDepth(path, depth);
        JsonArray a = new JsonArray();
        r.beginArray();
        while (r.hasNext()) {
          a.add(value(r, path + "[" + a.size() + "]", depth + 1));
        }
        r.endArray();
        return a;
      case STRING:
        return new JsonPrimitive(r.nextString());
      case NUMBER:
        return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(r));
      case BOOLEAN:
        return new JsonPrimitive(r.nextBoolean());
      case NULL:
        r.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new IllegalStateException("unexpected " + r.peek() + location(r));
    }
  }

  private static void checkDepth(String path, int depth) throws SyntaxError {
    if (depth >= MAX_DEPTH) {
      throw new SyntaxError(path, "nests deeper than " + MAX_DEPTH + " levels", null);
    }
  }

  /** " at line 1 column 5 path $.x", from JsonReader's own description. */
  private static String location(JsonReader r) {
    String s = r.toString();
    int at = s.indexOf(" at line ");
    return at < 0 ? "" : s.substring(at);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Describes a JSON value for "got ..." in error messages: {@code a string: "10"}. */
  public static String describe(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    if (e.isJsonObject()) {
      return "an object";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "a boolean: " + p.getAsBoolean();
    }
    if (p.isNumber()) {
      return "a number: " + abbreviate(p.getAsString());
    }
    return "a string: \"" + abbreviate(p.getAsString()) + "\"";
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
