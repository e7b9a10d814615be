package dev.linr.serving.http;

import com.google.gson.JsonObject;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.workflow.Workflow;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The inference API: {@code GET /ping}, {@code POST /predictions/{name}[/{version}]}, {@code POST
 * /invocations} and {@code POST /models/{name}/invoke}. Model work never runs on the calling (event
 * loop) thread: requests are queued with the model, and the reply completes with the job.
 */
final class InferenceRoutes {
  private final Endpoints endpoints;

  InferenceRoutes(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  void addTo(Router router) {
    router.add(HttpMethod.GET, "/ping", r -> ping());
    router.addInference(HttpMethod.POST, "/predictions/{name}", this::predict);
    router.addInference(HttpMethod.POST, "/predictions/{name}/{version}", this::predict);
    router.addInference(HttpMethod.POST, "/models/{name}/invoke", this::predict);
    router.addInference(HttpMethod.POST, "/invocations", this::invocationTarget, this::invocations);
  }

  /** 200 with every model's and workflow's status, or 500 if a model failed to load. */
  private CompletableFuture<HttpReply> ping() {
    JsonObject body = new JsonObject();
    for (Map.Entry<String, String> e : endpoints.models().health().entrySet()) {
      body.add(e.getKey(), status(e.getValue()));
    }
    for (Workflow w : endpoints.workflows().list()) {
      if (!body.has(w.name())) {
        body.add(w.name(), status("Healthy"));
      }
    }
    int code = endpoints.models().healthy() ? 200 : 500;
    return CompletableFuture.completedFuture(HttpReply.json(code, body));
  }

  private static JsonObject status(String status) {
    JsonObject o = new JsonObject();
    o.addProperty("status", status);
    return o;
  }

  private CompletableFuture<HttpReply> predict(Request r) {
    return run(r, r.path("name"), r.path("version"));
  }

  /**
   * What {@code /invocations} runs: {@code model_name}, else the only model or workflow when
   * exactly one is served, else none.
   */
  private String invocationTarget(Map<String, String> params, QueryParams query) {
    String name = query.opt("model_name");
    if (name != null) {
      return name;
    }
    TreeSet<String> names = endpoints.names();
    return names.size() == 1 ? names.first() : null;
  }

  /**
   * SageMaker's entry point: {@code model_name} may be left out when one model is served. The
   * request runs, and is counted, under its {@link Request#target()}.
   */
  private CompletableFuture<HttpReply> invocations(Request r) {
    if (r.target() == null) {
      throw new BadRequestException("Parameter model_name is required.");
    }
    return run(r, r.target(), r.query().opt("model_version"));
  }

  private CompletableFuture<HttpReply> run(Request r, String name, String version) {
    return endpoints
        .run(name, version, HttpInputs.toInput(r.http(), r.query().decoder()))
        .thenApply(HttpResponses::fromOutput);
  }
}
