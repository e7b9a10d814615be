package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.metrics.ServerMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The registered models, each with one or more versions. Thread-safe. The default version of a
 * model is the one registered first that is still registered.
 */
public final class ModelRegistry implements ModelInvoker, AutoCloseable {
  /**
   * @param defaults settings for models whose archive and registration do not set them
   * @param metrics where batches and queue depths are counted
   */
  public ModelRegistry(ModelSettings defaults, ServerMetrics metrics) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Loads a model version and registers it.
   *
   * @param loadedAtStartup whether it came from the model store or {@code load_models}
   * @throws dev.linr.serving.ConflictException if that name and version are registered
   * @throws dev.linr.serving.BadRequestException if the archive is missing, corrupt, names a
   *     translator that does not load, or asks for a device this host lacks (the message says
   *     which)
   */
  public ModelVersion register(ModelSpec spec, boolean loadedAtStartup) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Loads a model version without registering it (workflow models); the caller closes it.
   *
   * @throws dev.linr.serving.BadRequestException as {@link #register}
   */
  public ModelVersion load(ModelSpec spec) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Records a model that failed to load at start-up, so that {@code /ping} reports it. */
  public void recordFailedLoad(String name, Throwable cause) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Unregisters one version, or every version when {@code version} is null, after their queued jobs
   * finish.
   *
   * @throws dev.linr.serving.ModelNotFoundException if nothing matches
   */
  public void unregister(String name, String version) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * A registered version, or the default version when {@code version} is null.
   *
   * @throws dev.linr.serving.ModelNotFoundException if there is none
   */
  public ModelVersion get(String name, String version) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Whether any version of the model is registered. */
  public boolean contains(String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The versions of one model, in registration order (empty if none). */
  public List<ModelVersion> versions(String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Every registered version, sorted by model name, then registration order. */
  public List<ModelVersion> list() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Model name to {@code Healthy}, or to the failure for models that failed to load; {@link
   * #healthy()} is false if any failed.
   */
  public Map<String, String> health() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** False if any model failed to load. */
  public boolean healthy() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public CompletableFuture<Output> invoke(String name, String version, Input input) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Stops taking jobs, finishes the queued ones, and closes every model. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not built yet");
  }
}
