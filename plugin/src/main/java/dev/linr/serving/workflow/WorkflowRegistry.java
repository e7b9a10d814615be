package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.wlm.ModelRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The registered workflows. Thread-safe. Workflow models are loaded through the model registry. */
public final class WorkflowRegistry implements AutoCloseable {
  public WorkflowRegistry(ModelRegistry models) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Reads a workflow file (JSON), loads its models and registers it.
   *
   * @param name a name that overrides the file's, or null
   * @throws dev.linr.serving.ConflictException if the name and version are taken (by a workflow)
   * @throws dev.linr.serving.BadRequestException if the file is missing or invalid (no {@code out},
   *     a cycle, an unknown name, a function class that does not load, a model that fails to load)
   */
  public Workflow register(String url, String name, boolean loadedAtStartup) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * @throws dev.linr.serving.ModelNotFoundException if nothing matches
   */
  public void unregister(String name, String version) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * @throws dev.linr.serving.ModelNotFoundException if there is none
   */
  public Workflow get(String name, String version) {
    throw new UnsupportedOperationException("not built yet");
  }

  public boolean contains(String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Every workflow version, sorted by name, then registration order. */
  public List<Workflow> list() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Runs a workflow; see {@link Workflow#run}. */
  public CompletableFuture<Output> run(String name, String version, Input input) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not built yet");
  }
}
