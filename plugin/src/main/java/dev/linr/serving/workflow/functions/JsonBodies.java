package dev.linr.serving.workflow.functions;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.BytesSupplier;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.query.JsonTrees;
import dev.linr.serving.BadRequestException;
import java.nio.charset.StandardCharsets;

/** JSON bodies of step values. */
final class JsonBodies {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private JsonBodies() {}

  /**
   * The value's data as a JSON object.
   *
   * @param what names the body in messages ({@code "request body"})
   * @throws BadRequestException if there is no body, or it is not a JSON object (duplicate keys
   *     included)
   */
  static JsonObject object(Input value, String what) {
    BytesSupplier data = value.getData();
    if (data == null) {
      throw new BadRequestException(what + " is missing: send a JSON object");
    }
    JsonElement tree;
    try {
      tree = JsonTrees.read(new String(data.getAsBytes(), StandardCharsets.UTF_8));
    } catch (JsonTrees.SyntaxError e) {
      throw new BadRequestException((e.path.isEmpty() ? what : e.path) + " " + e.getMessage(), e);
    }
    if (!tree.isJsonObject()) {
      throw new BadRequestException(
          what + " must be a JSON object, got " + JsonTrees.describe(tree));
    }
    return tree.getAsJsonObject();
  }

  /** An answer holding this JSON, with {@code Content-Type: application/json}. */
  static Output output(JsonObject body) {
    Output o = new Output();
    o.addProperty("Content-Type", "application/json");
    o.add("data", BytesSupplier.wrap(GSON.toJson(body).getBytes(StandardCharsets.UTF_8)));
    return o;
  }
}
