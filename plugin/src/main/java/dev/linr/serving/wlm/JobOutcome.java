package dev.linr.serving.wlm;

import ai.djl.modality.Output;

/**
 * The answer to one job: an output or a failure, never both.
 *
 * @param output the model's answer, or null when the job failed
 * @param failure why the job failed, or null when it succeeded
 */
record JobOutcome(Output output, Throwable failure) {
  JobOutcome {
    if ((output == null) == (failure == null)) {
      throw new IllegalArgumentException("an outcome is exactly one of an output or a failure");
    }
  }

  static JobOutcome ok(Output output) {
    return new JobOutcome(output, null);
  }

  static JobOutcome failed(Throwable failure) {
    return new JobOutcome(null, failure);
  }
}
