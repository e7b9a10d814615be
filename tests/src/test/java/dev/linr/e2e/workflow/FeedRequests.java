package dev.linr.e2e.workflow;

import ai.djl.modality.Input;
import com.google.gson.JsonObject;
import dev.linr.e2e.ItemLines;

/** Request bodies of the feed workflow, and the DJL input that carries one as JSON. */
public final class FeedRequests {
  private FeedRequests() {}

  /** A workflow request body; null {@code k}, {@code n} or {@code filter} are left out. */
  public static JsonObject body(float[] vector, Integer k, Integer n, String filter) {
    JsonObject o = new JsonObject();
    o.add("vector", ItemLines.vector(vector));
    if (k != null) {
      o.addProperty("k", k);
    }
    if (n != null) {
      o.addProperty("n", n);
    }
    if (filter != null) {
      o.addProperty("filter", filter);
    }
    return o;
  }

  /** An input holding {@code body} as its data, with {@code Content-Type: application/json}. */
  public static Input input(JsonObject body) {
    Input in = new Input();
    in.addProperty("Content-Type", "application/json");
    in.add("data", body.toString());
    return in;
  }
}
