package dev.linr.serving.http;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelVersion;
import dev.linr.serving.workflow.Workflow;
import dev.linr.serving.workflow.WorkflowRegistry;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The names that requests address: models first, then workflows, as in DJL Serving, where both
 * share one namespace. Thread-safe (the registries are).
 */
final class Endpoints {
  private final ModelRegistry models;
  private final WorkflowRegistry workflows;

  Endpoints(ModelRegistry models, WorkflowRegistry workflows) {
    this.models = models;
    this.workflows = workflows;
  }

  ModelRegistry models() {
    return models;
  }

  WorkflowRegistry workflows() {
    return workflows;
  }

  /**
   * Runs a model, or else a workflow, of that name.
   *
   * @throws ModelNotFoundException {@code Model or workflow not found: <name>}
   */
  CompletableFuture<Output> run(String name, String version, Input input) {
    if (models.contains(name)) {
      return models.invoke(name, version, input);
    }
    if (workflows.contains(name)) {
      return workflows.run(name, version, input);
    }
    throw notFound(name);
  }

  /** Whether a model or a workflow has that name. */
  boolean contains(String name) {
    return models.contains(name) || workflows.contains(name);
  }

  /** Every model and workflow name, sorted. */
  TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>();
    for (ModelVersion v : models.list()) {
      names.add(v.name());
    }
    for (Workflow w : workflows.list()) {
      names.add(w.name());
    }
    return names;
  }

  static ModelNotFoundException notFound(String name) {
    return new ModelNotFoundException("Model or workflow not found: " + name);
  }
}
