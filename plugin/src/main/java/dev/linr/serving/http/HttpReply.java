package dev.linr.serving.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers and a body. Immutable (the body array is not copied:
 * callers hand it over).
 *
 * @param status the HTTP status
 * @param headers header names to values, in order
 * @param body the body bytes
 */
record HttpReply(int status, Map<String, String> headers, byte[] body) {
  static final String JSON = "application/json";

  /** DJL Serving writes management and error JSON pretty-printed, with a final newline. */
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  HttpReply {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A JSON body. */
  static HttpReply json(int status, JsonElement body) {
    byte[] bytes = (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
    return new HttpReply(status, Map.of("Content-Type", JSON), bytes);
  }

  /** DJL Serving's {@code {"status": message}}. */
  static HttpReply status(int status, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("status", message);
    return json(status, o);
  }

  /** A text body with its content type. */
  static HttpReply text(int status, String contentType, String body) {
    return new HttpReply(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }
}
