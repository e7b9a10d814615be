package dev.linr.items;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * After a strict parse failed at some path, re-reads the line leniently to see whether the value
 * there is a bare NaN or infinity (which lenient Gson reads as an unquoted string).
 */
final class NonFiniteFinder {
  private NonFiniteFinder() {}

  /** The NaN/infinity literal at {@code failPath}, or null if the failure was something else. */
  static String find(String text, String failPath) {
    if (failPath == null) {
      return null;
    }
    JsonReader r = new JsonReader(new StringReader(text));
    r.setStrictness(Strictness.LENIENT);
    try {
      return walk(r, failPath);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String walk(JsonReader r, String failPath) throws IOException {
    String path = r.getPath();
    JsonToken t = r.peek();
    switch (t) {
      case STRING:
        String s = r.nextString();
        return path.equals(failPath) && JsonNumbers.isNonFiniteSpelling(s) ? s : null;
      case BEGIN_ARRAY:
        r.beginArray();
        while (r.hasNext()) {
          String found = walk(r, failPath);
          if (found != null) {
            return found;
          }
        }
        r.endArray();
        return null;
      case BEGIN_OBJECT:
        r.beginObject();
        while (r.hasNext()) {
          r.nextName();
          String found = walk(r, failPath);
          if (found != null) {
            return found;
          }
        }
        r.endObject();
        return null;
      default:
        r.skipValue();
        return null;
    }
  }
}
