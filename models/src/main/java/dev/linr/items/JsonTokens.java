package dev.linr.items;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;

/** Describes JSON values for error messages. */
final class JsonTokens {
  private JsonTokens() {}

  /**
   * Describes the value at {@code t}, consuming it if it is a scalar: {@code string "abc"}, {@code
   * number 1.5}, {@code bool true}, {@code null}, {@code an array}, {@code an object}.
   */
  static String describe(JsonReader r, JsonToken t) throws IOException {
    switch (t) {
      case STRING:
        return "string " + JsonNumbers.quote(r.nextString());
      case NUMBER:
        return "number " + r.nextString();
      case BOOLEAN:
        return "bool " + r.nextBoolean();
      case NULL:
        r.nextNull();
        return "null";
      case BEGIN_ARRAY:
        return "an array";
      case BEGIN_OBJECT:
        return "an object";
      default:
        return t.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
