package dev.linr.serving.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.serving.ConflictException;
import dev.linr.serving.config.ModelUrls;
import dev.linr.serving.workflow.Workflow;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow half of the management API: register ({@code POST /workflows?url=&workflow_name=}),
 * list ({@code GET /workflows}), describe ({@code GET /workflows/{name}[/{version}]}) and
 * unregister ({@code DELETE}). Registration loads models, so it runs on the loader executor.
 */
final class WorkflowRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRoutes.class);

  private final Endpoints endpoints;
  private final Executor loader;

  WorkflowRoutes(Endpoints endpoints, Executor loader) {
    this.endpoints = endpoints;
    this.loader = loader;
  }

  void addTo(Router router) {
    router.add(HttpMethod.POST, "/workflows", this::register);
    router.add(HttpMethod.GET, "/workflows", this::list);
    for (String p : new String[] {"/workflows/{name}", "/workflows/{name}/{version}"}) {
      router.add(HttpMethod.GET, p, this::describe);
      router.add(
          HttpMethod.DELETE,
          p,
          r -> unregister(endpoints, loader, r.path("name"), r.path("version")));
    }
  }

  private CompletableFuture<HttpReply> register(Request r) {
    QueryParams q = r.query();
    String url = q.required("url");
    String name = q.opt("workflow_name");
    boolean synchronous = q.optBool("synchronous", true);
    if (name != null && endpoints.models().contains(name)) {
      throw new ConflictException("Model " + name + " is already registered.");
    }
    if (!synchronous) {
      // The file's own name is known only once it is read; the message uses the given name or the
      // file name.
      String shownName = name != null ? name : ModelUrls.defaultName(url);
      loader.execute(() -> registerInBackground(url, name, shownName));
      return ModelRoutes.done(
          HttpReply.status(202, "Workflow \"" + shownName + "\" registration scheduled."));
    }
    return CompletableFuture.supplyAsync(
            () -> endpoints.workflows().register(url, name, false), loader)
        .thenApply(w -> HttpReply.status(200, "Workflow \"" + w.name() + "\" registered."));
  }

  private void registerInBackground(String url, String name, String shownName) {
    try {
      endpoints.workflows().register(url, name, false);
      LOG.info("workflow {} registered from {}", shownName, url);
    } catch (RuntimeException e) {
      LOG.warn(
          "scheduled registration of workflow {} from {} failed: {}",
          shownName,
          url,
          e.getMessage());
    }
  }

  private CompletableFuture<HttpReply> list(Request r) {
    Map<String, List<Workflow>> byName = byName(endpoints);
    List<String> names = new ArrayList<>(byName.keySet());
    Page page = Page.of(r.query(), names.size());
    JsonArray workflows = new JsonArray();
    for (String name : names.subList(page.from(), page.to())) {
      for (Workflow w : byName.get(name)) {
        JsonObject o = new JsonObject();
        o.addProperty("workflowName", w.name());
        o.addProperty("version", w.version());
        workflows.add(o);
      }
    }
    JsonObject body = new JsonObject();
    if (page.nextPageToken() != null) {
      body.addProperty("nextPageToken", page.nextPageToken());
    }
    body.add("workflows", workflows);
    return ModelRoutes.done(HttpReply.json(200, body));
  }

  private CompletableFuture<HttpReply> describe(Request r) {
    return ModelRoutes.done(
        HttpReply.json(200, describe(endpoints, r.path("name"), r.path("version"))));
  }

  /**
   * Every version of a workflow, or the one asked for, as a JSON array of descriptions.
   *
   * @throws dev.linr.serving.ModelNotFoundException if there is none
   */
  static JsonArray describe(Endpoints endpoints, String name, String version) {
    if (!endpoints.workflows().contains(name)) {
      throw Endpoints.notFound(name);
    }
    JsonArray body = new JsonArray();
    if (version == null) {
      for (Workflow w : byName(endpoints).getOrDefault(name, List.of())) {
        body.add(w.describe());
      }
    } else {
      body.add(endpoints.workflows().get(name, version).describe());
    }
    return body;
  }

  /** Unregisters a workflow (every version when {@code version} is null) on the loader. */
  static CompletableFuture<HttpReply> unregister(
      Endpoints endpoints, Executor loader, String name, String version) {
    if (!endpoints.workflows().contains(name)) {
      throw Endpoints.notFound(name);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          endpoints.workflows().unregister(name, version);
          return ModelRoutes.unregistered(name);
        },
        loader);
  }

  private static Map<String, List<Workflow>> byName(Endpoints endpoints) {
    Map<String, List<Workflow>> byName = new LinkedHashMap<>();
    for (Workflow w : endpoints.workflows().list()) {
      byName.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(w);
    }
    return byName;
  }
}
