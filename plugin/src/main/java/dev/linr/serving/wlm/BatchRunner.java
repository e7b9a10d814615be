package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import dev.linr.serving.updates.ItemUpdates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs a batch of jobs through one loaded model. Implementations are thread-safe: each worker of a
 * model calls {@link #run} on its own thread. The runner owns the native model; {@link #close()}
 * frees it and is called once, after the last {@link #run} returned.
 */
interface BatchRunner extends AutoCloseable {
  /**
   * Runs the inputs as one batch where the model allows.
   *
   * @return one outcome per input, in input order; a bad input fails its own outcome only
   */
  List<JobOutcome> run(List<Input> inputs);

  /** Items in the index, for index models. */
  OptionalLong items();

  /** The items of an index model, to update; empty for other models. */
  default Optional<ItemUpdates> updates() {
    return Optional.empty();
  }

  @Override
  void close();
}
