package dev.linr.serving.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.ConflictException;
import dev.linr.serving.config.ModelUrls;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model half of the management API: register ({@code POST /models}), list ({@code GET
 * /models}), describe ({@code GET /models/{name}[/{version}]}), scale ({@code PUT}) and unregister
 * ({@code DELETE}). Loading, scaling and unregistering are slow, so they run on the loader
 * executor, never on the event loop.
 */
final class ModelRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRoutes.class);

  /**
   * A registration parameter that becomes a {@link ModelSpec#settings()} key, and its least value.
   */
  private record Setting(String parameter, String key, int minimum) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("batch_size", "batch_size", 1),
          new Setting("max_batch_delay", "max_batch_delay", 0),
          new Setting("max_idle_time", "max_idle_time", 0),
          new Setting("job_queue_size", "job_queue_size", 1),
          new Setting("min_worker", "minWorkers", 0),
          new Setting("max_worker", "maxWorkers", 1));

  private final Endpoints endpoints;
  private final Executor loader;

  ModelRoutes(Endpoints endpoints, Executor loader) {
    this.endpoints = endpoints;
    this.loader = loader;
  }

  void addTo(Router router) {
    router.add(HttpMethod.POST, "/models", this::register);
    router.add(HttpMethod.GET, "/models", this::list);
    for (String p : new String[] {"/models/{name}", "/models/{name}/{version}"}) {
      router.add(HttpMethod.GET, p, this::describe);
      router.add(HttpMethod.PUT, p, this::scale);
      router.add(HttpMethod.DELETE, p, this::unregister);
    }
  }

  private CompletableFuture<HttpReply> register(Request r) {
    QueryParams q = r.query();
    String url = q.required("url");
    String name = q.opt("model_name");
    String version = q.opt("model_version");
    Map<String, String> settings = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
      Integer value = q.optInt(s.parameter(), s.minimum());
      if (value != null) {
        settings.put(s.key(), value.toString());
      }
    }
    boolean synchronous = q.optBool("synchronous", true);
    String shownName = name != null ? name : ModelUrls.defaultName(url);
    if (!ModelUrls.validName(shownName)) {
      throw new BadRequestException(
          "Parameter model_name may contain only letters, digits, '_', '-' and '.', got: "
              + shownName);
    }
    if (version != null && !ModelUrls.validName(version)) {
      throw new BadRequestException(
          "Parameter model_version may contain only letters, digits, '_', '-' and '.', got: "
              + version);
    }
    checkFree(shownName, version);
    ModelSpec spec = new ModelSpec(name, version, url, q.opt("engine"), q.opt("device"), settings);
    if (!synchronous) {
      loader.execute(() -> registerInBackground(spec, shownName));
      return done(HttpReply.status(202, "Model \"" + shownName + "\" registration scheduled."));
    }
    return CompletableFuture.supplyAsync(() -> endpoints.models().register(spec, false), loader)
        .thenApply(v -> HttpReply.status(200, "Model \"" + v.name() + "\" registered."));
  }

  private void checkFree(String name, String version) {
    if (endpoints.workflows().contains(name)) {
      throw new ConflictException("Workflow " + name + " is already registered.");
    }
    for (ModelVersion v : endpoints.models().versions(name)) {
      if (Objects.equals(v.version(), version)) {
        throw new ConflictException(
            "Model "
                + name
                + (version == null ? "" : " version " + version)
                + " is already registered.");
      }
    }
  }

  private void registerInBackground(ModelSpec spec, String name) {
    try {
      endpoints.models().register(spec, false);
      LOG.info("model {} registered from {}", name, spec.url());
    } catch (RuntimeException e) {
      LOG.warn(
          "scheduled registration of model {} from {} failed: {}",
          name,
          spec.url(),
          e.getMessage());
    }
  }

  private CompletableFuture<HttpReply> list(Request r) {
    Map<String, List<ModelVersion>> byName = new LinkedHashMap<>();
    for (ModelVersion v : endpoints.models().list()) {
      byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
    }
    List<String> names = new ArrayList<>(byName.keySet());
    Page page = Page.of(r.query(), names.size());
    JsonArray models = new JsonArray();
    for (String name : names.subList(page.from(), page.to())) {
      for (ModelVersion v : byName.get(name)) {
        JsonObject m = new JsonObject();
        m.addProperty("modelName", v.name());
        m.addProperty("version", v.version());
        m.addProperty("modelUrl", v.url());
        m.addProperty("status", v.status());
        models.add(m);
      }
    }
    JsonObject body = new JsonObject();
    if (page.nextPageToken() != null) {
      body.addProperty("nextPageToken", page.nextPageToken());
    }
    body.add("models", models);
    return done(HttpReply.json(200, body));
  }

  private CompletableFuture<HttpReply> describe(Request r) {
    String name = r.path("name");
    String version = r.path("version");
    if (!endpoints.models().contains(name)) {
      if (endpoints.workflows().contains(name)) {
        return done(HttpReply.json(200, WorkflowRoutes.describe(endpoints, name, version)));
      }
      throw Endpoints.notFound(name);
    }
    JsonArray body = new JsonArray();
    if (version == null) {
      for (ModelVersion v : endpoints.models().versions(name)) {
        body.add(v.describe());
      }
    } else {
      body.add(endpoints.models().get(name, version).describe());
    }
    return done(HttpReply.json(200, body));
  }

  private CompletableFuture<HttpReply> scale(Request r) {
    String name = r.path("name");
    if (!endpoints.models().contains(name)) {
      throw Endpoints.notFound(name);
    }
    ModelVersion v = endpoints.models().get(name, r.path("version"));
    Integer min = r.query().optInt("min_worker", 0);
    Integer max = r.query().optInt("max_worker", 1);
    if (min == null && max == null) {
      throw new BadRequestException("Parameter min_worker or max_worker is required.");
    }
    JsonObject current = v.describe();
    int newMin = min != null ? min : current.get("minWorkers").getAsInt();
    int newMax = max != null ? max : Math.max(newMin, current.get("maxWorkers").getAsInt());
    return CompletableFuture.supplyAsync(
        () -> {
          v.scale(newMin, newMax);
          return HttpReply.status(
              200,
              "Model \""
                  + name
                  + "\" worker scaled. New Worker configuration min workers:"
                  + newMin
                  + " max workers:"
                  + newMax);
        },
        loader);
  }

  private CompletableFuture<HttpReply> unregister(Request r) {
    String name = r.path("name");
    String version = r.path("version");
    if (!endpoints.models().contains(name)) {
      if (endpoints.workflows().contains(name)) {
        return WorkflowRoutes.unregister(endpoints, loader, name, version);
      }
      throw Endpoints.notFound(name);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          endpoints.models().unregister(name, version);
          return unregistered(name);
        },
        loader);
  }

  static HttpReply unregistered(String name) {
    return HttpReply.status(200, "Model or workflow \"" + name + "\" unregistered");
  }

  static CompletableFuture<HttpReply> done(HttpReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
