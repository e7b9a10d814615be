package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import java.util.concurrent.CompletableFuture;

/** Runs one input through a model by name, through that model's job queue and batching. */
@FunctionalInterface
public interface ModelInvoker {
  /**
   * Queues one job.
   *
   * @param name the model name
   * @param version the version, or null for the model's default version
   * @return the model's answer; completes exceptionally with the failure (a {@link
   *     dev.linr.serving.ServingException} or DJL's {@code TranslateException} for bad input)
   * @throws dev.linr.serving.ModelNotFoundException if no such model or version is registered
   * @throws dev.linr.serving.ServiceUnavailableException if the model's job queue is full
   */
  CompletableFuture<Output> invoke(String name, String version, Input input);
}
