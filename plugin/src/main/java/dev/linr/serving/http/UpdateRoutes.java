package dev.linr.serving.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.linr.query.JsonTrees;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.updates.IndexStatus;
import dev.linr.serving.updates.IngestStatus;
import dev.linr.serving.updates.ItemUpdates;
import dev.linr.serving.wlm.ModelVersion;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The item update API of index models, counted under the index's name:
 *
 * <ul>
 *   <li>{@code POST /indexes/{name}/items}: upserts a JSON array of items, or JSON Lines with
 *       {@code Content-Type: application/x-ndjson} ({@link ItemBatches}); 200 with one result per
 *       item, a bad item refused alone
 *   <li>{@code DELETE /indexes/{name}/items/{id}}: 200 {@code {"deleted": true|false}}
 *   <li>{@code POST /indexes/{name}/items/delete} with {@code {"ids": [...]}}: one result per id
 *   <li>{@code GET /indexes/{name}}: the index's size and durability ({@link IndexStatus})
 * </ul>
 *
 * An unknown name is a 404, a model or workflow that is not an index a 400. Updates and status
 * reads wait for the batch being applied, so they run on the given executor, never on the event
 * loop. Stateless and thread-safe.
 */
final class UpdateRoutes {
  /** Writes null members too ({@code "logPosition": null}), pretty-printed as every JSON reply. */
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private final Endpoints endpoints;
  private final Executor executor;

  /**
   * @param executor runs the updates; owned by the caller
   */
  UpdateRoutes(Endpoints endpoints, Executor executor) {
    this.endpoints = endpoints;
    this.executor = executor;
  }

  void addTo(Router router) {
    router.addInference(HttpMethod.GET, "/indexes/{name}", this::status);
    router.addInference(HttpMethod.POST, "/indexes/{name}/items", this::upsert);
    router.addInference(HttpMethod.POST, "/indexes/{name}/items/delete", this::deleteMany);
    router.addInference(HttpMethod.DELETE, "/indexes/{name}/items/{id}", this::deleteOne);
  }

  /** The default version of the index model {@code name}. */
  private ModelVersion index(String name) {
    if (!endpoints.models().contains(name)) {
      if (endpoints.workflows().contains(name)) {
        throw new BadRequestException(
            name + " is a workflow, not an index model; only index models take item updates");
      }
      throw Endpoints.notFound(name);
    }
    return endpoints.models().get(name, null);
  }

  private static ItemUpdates updates(ModelVersion model) {
    return model
        .updates()
        .orElseThrow(
            () ->
                new BadRequestException(
                    "model "
                        + model.name()
                        + " is not an index model (it is a ranker, a fused model or another"
                        + " model); only index models take item updates"));
  }

  private CompletableFuture<HttpReply> status(Request r) {
    ModelVersion model = index(r.path("name"));
    ItemUpdates updates = updates(model);
    return CompletableFuture.supplyAsync(
        () -> {
          IndexStatus s = updates.status();
          JsonObject o = new JsonObject();
          o.addProperty("name", model.name());
          o.addProperty("version", model.version());
          o.addProperty("items", s.items());
          o.addProperty("capacity", s.capacity());
          o.addProperty("free", s.free());
          o.addProperty("hwm", s.hwm());
          o.addProperty("growths", s.growths());
          o.addProperty("logPosition", s.logPosition());
          o.addProperty("lastSnapshot", s.lastSnapshot());
          if (s.ingest() != null) {
            o.add("ingest", ingest(s.ingest()));
          }
          return json(o);
        },
        executor);
  }

  /**
   * {@code {"topic", "state", "partitions": [{"partition", "startOffset", "nextOffset"}],
   * "applied", "refused", "lastError"}}.
   */
  private static JsonObject ingest(IngestStatus s) {
    JsonObject o = new JsonObject();
    o.addProperty("topic", s.topic());
    o.addProperty("state", s.state());
    JsonArray partitions = new JsonArray();
    for (IngestStatus.Partition p : s.partitions()) {
      JsonObject po = new JsonObject();
      po.addProperty("partition", p.partition());
      po.addProperty("startOffset", p.startOffset());
      po.addProperty("nextOffset", p.nextOffset());
      partitions.add(po);
    }
    o.add("partitions", partitions);
    o.addProperty("applied", s.applied());
    o.addProperty("refused", s.refused());
    o.addProperty("lastError", s.lastError());
    return o;
  }

  private CompletableFuture<HttpReply> upsert(Request r) {
    ItemUpdates updates = updates(index(r.path("name")));
    String body = r.http().content().toString(StandardCharsets.UTF_8);
    List<String> items =
        ItemBatches.split(r.http().headers().get(HttpHeaderNames.CONTENT_TYPE), body);
    return CompletableFuture.supplyAsync(
        () -> upserted(items, unchecked(() -> updates.upsert(items))), executor);
  }

  /**
   * {@code {"results": [{"index", "id", "status", "field"?, "message"?}], "upserted", "failed"}}.
   */
  private static HttpReply upserted(List<String> items, UpdateResult result) {
    Map<Integer, UpdateResult.ItemError> errors = new HashMap<>();
    result.errors().forEach(e -> errors.put(e.index(), e));
    JsonArray results = new JsonArray();
    for (int i = 0; i < items.size(); i++) {
      UpdateResult.ItemError error = errors.get(i);
      JsonObject o = new JsonObject();
      o.addProperty("index", i);
      o.add("id", itemId(items.get(i)));
      if (error == null) {
        o.addProperty("status", "upserted");
      } else {
        o.addProperty("status", "error");
        if (error.field() != null) {
          o.addProperty("field", error.field());
        }
        o.addProperty("message", error.message());
      }
      results.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("results", results);
    o.addProperty("upserted", result.applied());
    o.addProperty("failed", result.errors().size());
    return json(o);
  }

  /** The {@code id} of an item's text as given, or null when it has none that can be read. */
  private static JsonElement itemId(String item) {
    try {
      JsonElement e = JsonTrees.read(item);
      if (e.isJsonObject()) {
        JsonElement id = e.getAsJsonObject().get("id");
        if (id != null && id.isJsonPrimitive()) {
          return id;
        }
      }
    } catch (JsonTrees.SyntaxError | RuntimeException e) {
      // An item that does not parse has no id to report; its error says why.
    }
    return JsonNull.INSTANCE;
  }

  private CompletableFuture<HttpReply> deleteOne(Request r) {
    ItemUpdates updates = updates(index(r.path("name")));
    String text = r.path("id");
    Object id;
    if (updates.idType() == IdType.INT) {
      try {
        id = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new BadRequestException(
            "id: the ids of index " + r.path("name") + " are integers, got: " + text, e);
      }
    } else {
      id = text;
    }
    return CompletableFuture.supplyAsync(
        () -> {
          JsonObject o = new JsonObject();
          o.addProperty("deleted", unchecked(() -> updates.delete(List.of(id))).applied() == 1);
          return json(o);
        },
        executor);
  }

  private CompletableFuture<HttpReply> deleteMany(Request r) {
    ItemUpdates updates = updates(index(r.path("name")));
    JsonArray given = ids(r.http().content().toString(StandardCharsets.UTF_8));
    List<Object> ids = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Map<Integer, String> refused = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      try {
        ids.add(id(given.get(i), updates.idType()));
        positions.add(i);
      } catch (IllegalArgumentException e) {
        refused.put(i, e.getMessage());
      }
    }
    return CompletableFuture.supplyAsync(
        () -> deleted(given, positions, refused, unchecked(() -> updates.delete(ids))), executor);
  }

  /**
   * {@code {"results": [{"index", "id", "status": "deleted"|"not_found"|"error", "message"?}],
   * "deleted", "notFound", "failed"}}.
   */
  private static HttpReply deleted(
      JsonArray given, List<Integer> positions, Map<Integer, String> refused, UpdateResult result) {
    Map<Integer, String> missing = new HashMap<>();
    for (UpdateResult.ItemError e : result.errors()) {
      missing.put(positions.get(e.index()), e.message());
    }
    JsonArray results = new JsonArray();
    for (int i = 0; i < given.size(); i++) {
      JsonObject o = new JsonObject();
      o.addProperty("index", i);
      o.add("id", given.get(i));
      if (refused.containsKey(i)) {
        o.addProperty("status", "error");
        o.addProperty("message", refused.get(i));
      } else if (missing.containsKey(i)) {
        o.addProperty("status", "not_found");
        o.addProperty("message", missing.get(i));
      } else {
        o.addProperty("status", "deleted");
      }
      results.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("results", results);
    o.addProperty("deleted", result.applied());
    o.addProperty("notFound", missing.size());
    o.addProperty("failed", refused.size());
    return json(o);
  }

  /** The {@code ids} array of a delete body. */
  private static JsonArray ids(String body) {
    JsonElement e;
    try {
      e = JsonTrees.read(body);
    } catch (JsonTrees.SyntaxError err) {
      throw new BadRequestException("the body must be {\"ids\": [...]}: " + err.getMessage(), err);
    }
    JsonElement ids = e.isJsonObject() ? e.getAsJsonObject().get("ids") : null;
    if (ids == null || !ids.isJsonArray()) {
      throw new BadRequestException(
          "ids: the body must be {\"ids\": [...]}, got: " + JsonTrees.describe(e));
    }
    return ids.getAsJsonArray();
  }

  /** A delete id as the index's id type wants it. */
  private static Object id(JsonElement e, IdType type) {
    if (type == IdType.INT) {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
        try {
          return Long.parseLong(e.getAsString());
        } catch (NumberFormatException ignored) {
          // Reported below with the value.
        }
      }
      throw new IllegalArgumentException(
          "ids of this index are integers, got: " + JsonTrees.describe(e));
    }
    if (e.isJsonPrimitive() && ((JsonPrimitive) e).isString()) {
      return e.getAsString();
    }
    throw new IllegalArgumentException(
        "ids of this index are strings, got: " + JsonTrees.describe(e));
  }

  /** An update that may fail to be made durable. */
  @FunctionalInterface
  private interface Update {
    UpdateResult apply() throws IOException;
  }

  /** Runs an update; a durability failure is a server failure (500, logged with the request id). */
  private static UpdateResult unchecked(Update update) {
    try {
      return update.apply();
    } catch (IOException e) {
      throw new UncheckedIOException("the update could not be made durable", e);
    }
  }

  private static HttpReply json(JsonElement body) {
    byte[] bytes = (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
    return new HttpReply(200, Map.of("Content-Type", HttpReply.JSON), bytes);
  }
}
