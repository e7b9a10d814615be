package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonObject;
import dev.linr.serving.updates.ItemUpdates;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded version of a model: its archive, settings, job queue and workers. Thread-safe. Closing
 * it stops taking jobs, lets queued and running jobs finish, then frees the native model.
 */
public interface ModelVersion extends AutoCloseable {
  /** The model name. */
  String name();

  /** The version, or null when it has none. */
  String version();

  /** The URL it was loaded from, as given. */
  String url();

  /** {@code PyTorch} or {@code OnnxRuntime}. */
  String engine();

  /** {@code Healthy} when serving. */
  String status();

  /** Queues one job; see {@link ModelInvoker#invoke}. */
  CompletableFuture<Output> submit(Input input);

  /** Sets the worker range; throws {@link dev.linr.serving.BadRequestException} if invalid. */
  void scale(int minWorkers, int maxWorkers);

  /** Jobs waiting in the queue. */
  int queueDepth();

  /** Items in the index, for index models. */
  OptionalLong items();

  /**
   * The items of an index model, to update while it serves; empty for other models (rankers, fused
   * models). Default: empty.
   */
  default Optional<ItemUpdates> updates() {
    return Optional.empty();
  }

  /**
   * DJL Serving's description object: {@code modelName}, {@code modelUrl}, {@code version}, {@code
   * engine}, {@code batchSize}, {@code maxBatchDelayMillis}, {@code maxIdleSeconds}, {@code
   * queueSize}, {@code requestInQueue}, {@code minWorkers}, {@code maxWorkers}, {@code status},
   * {@code loadedAtStartup}, {@code workers} (id, startTime, status, device).
   */
  JsonObject describe();

  @Override
  void close();
}
