package dev.linr.serving.http;

import dev.linr.serving.metrics.ServerMetrics;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.Executor;

/** The management API: models, workflows and {@code GET /server/metrics}. */
final class ManagementRoutes {
  /** Prometheus' text exposition format. */
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final ModelRoutes models;
  private final WorkflowRoutes workflows;
  private final ServerMetrics metrics;

  ManagementRoutes(Endpoints endpoints, ServerMetrics metrics, Executor loader) {
    this.models = new ModelRoutes(endpoints, loader);
    this.workflows = new WorkflowRoutes(endpoints, loader);
    this.metrics = metrics;
  }

  void addTo(Router router) {
    models.addTo(router);
    workflows.addTo(router);
    router.add(
        HttpMethod.GET,
        "/server/metrics",
        r -> ModelRoutes.done(HttpReply.text(200, PROMETHEUS, metrics.render())));
  }
}
