package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a {@link WorkflowFunction} may do with the workflow it runs in. Thread-safe. */
public interface WorkflowContext {
  /** The workflow's name. */
  String workflowName();

  /**
   * Runs one of the workflow's models (exactly one argument) or functions by its local name, as a
   * step with these argument values would. Never throws: problems fail the future.
   */
  CompletableFuture<Output> call(String name, List<Input> args);
}
