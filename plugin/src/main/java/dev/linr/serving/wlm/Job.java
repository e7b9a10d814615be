package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import java.util.concurrent.CompletableFuture;

/** One queued input and the future its answer completes. */
final class Job {
  private final Input input;
  private final CompletableFuture<Output> result = new CompletableFuture<>();

  Job(Input input) {
    this.input = input;
  }

  Input input() {
    return input;
  }

  CompletableFuture<Output> result() {
    return result;
  }

  /** Completes the future with the outcome; a job completes once, later calls do nothing. */
  void complete(JobOutcome outcome) {
    if (outcome.failure() != null) {
      result.completeExceptionally(outcome.failure());
    } else {
      result.complete(outcome.output());
    }
  }
}
