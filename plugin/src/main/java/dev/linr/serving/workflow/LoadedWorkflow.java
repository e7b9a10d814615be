package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.serving.ServiceUnavailableException;
import dev.linr.serving.wlm.ModelVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A workflow with its models loaded and its functions created. Thread-safe. It owns its models and
 * functions: {@link #close()} closes them (models finish their queued jobs first).
 */
final class LoadedWorkflow implements Workflow {
  private final StepTargets targets;
  private final boolean loadedAtStartup;
  private final AtomicBoolean closed = new AtomicBoolean();

  LoadedWorkflow(StepTargets targets, boolean loadedAtStartup) {
    this.targets = targets;
    this.loadedAtStartup = loadedAtStartup;
  }

  StepTargets targets() {
    return targets;
  }

  @Override
  public String name() {
    return targets.definition().name();
  }

  @Override
  public String version() {
    return targets.definition().version();
  }

  @Override
  public String url() {
    return targets.definition().url();
  }

  /**
   * Never throws: every failure, including one found while starting, fails the future with the
   * exception the failing step raised (not wrapped).
   */
  @Override
  public CompletableFuture<Output> run(Input input) {
    CompletableFuture<Output> result = new CompletableFuture<>();
    if (closed.get()) {
      result.completeExceptionally(
          new ServiceUnavailableException("Workflow " + this + " is unregistered"));
      return result;
    }
    CompletableFuture<Input> out;
    try {
      out = new WorkflowRun(targets, input).evaluate(WorkflowDefinition.OUT);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    out.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            result.completeExceptionally(StepValues.unwrap(failure));
          } else {
            result.complete(StepValues.answer(value));
          }
        });
    return result;
  }

  /**
   * DJL Serving's workflow description: {@code workflowName}, {@code version} and {@code models},
   * each model described as {@link ModelVersion#describe()} with this workflow's {@code
   * loadedAtStartup}.
   */
  @Override
  public JsonObject describe() {
    JsonObject o = new JsonObject();
    o.addProperty("workflowName", name());
    o.addProperty("version", version());
    JsonArray models = new JsonArray();
    for (String local : targets.definition().models().keySet()) {
      JsonObject m = targets.model(local).describe();
      m.addProperty("loadedAtStartup", loadedAtStartup);
      models.add(m);
    }
    o.add("models", models);
    return o;
  }

  boolean loadedAtStartup() {
    return loadedAtStartup;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    WorkflowLoader.closeAll(targets.models().values(), targets.functions().values());
  }

  @Override
  public String toString() {
    return version() == null ? name() : name() + ":" + version();
  }
}
