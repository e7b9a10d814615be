package dev.linr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Items as the JSON Lines the index builder reads: {@code {"id", "vector", "attributes"}}. */
public final class ItemLines {
  private ItemLines() {}

  /** One item as one line, without the line break. */
  public static String of(long id, float[] vector, JsonObject attributes) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.add("vector", vector(vector));
    o.add("attributes", attributes);
    return o.toString();
  }

  /** A vector as a JSON array of its floats. */
  public static JsonArray vector(float[] v) {
    JsonArray a = new JsonArray();
    for (float x : v) {
      a.add(x);
    }
    return a;
  }
}
