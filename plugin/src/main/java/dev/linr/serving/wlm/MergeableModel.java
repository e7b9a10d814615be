package dev.linr.serving.wlm;

import ai.djl.modality.Output;
import dev.linr.serving.updates.ItemUpdates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A model whose jobs can share a forward pass: each job's body parses into one or more queries, the
 * queries of several jobs run as one batch, and each job's answer is written from its own slice of
 * the answers. {@link MergingBatchRunner} does the merging, splitting and failure isolation; an
 * implementation only knows its model. Implementations are thread-safe; the runner owns the model
 * and closes it once.
 *
 * @param <J> one job's parsed body
 * @param <Q> one query
 * @param <A> one query's answer
 */
interface MergeableModel<J, Q, A> extends AutoCloseable {
  /**
   * Parses one job's body exactly as the model's serving translator does.
   *
   * @param body the body text, or null when the job has none
   * @throws IllegalArgumentException naming the field at fault
   */
  J parse(String body);

  /** The job's queries, in order. */
  List<Q> queries(J job);

  /** The most queries one forward pass takes. */
  int maxQueries();

  /**
   * Runs queries in one forward pass.
   *
   * @return one answer per query, in order
   * @throws IllegalArgumentException if a query is refused (a filter naming an unknown attribute,
   *     say); other runtime exceptions are model failures
   */
  List<A> run(List<Q> queries);

  /**
   * One job's answer from its queries' answers, byte for byte what the serving translator writes.
   */
  Output write(J job, List<A> answers);

  /** Items in the model's index. */
  OptionalLong items();

  /** The items of an index model, to update; empty for other models. */
  default Optional<ItemUpdates> updates() {
    return Optional.empty();
  }

  @Override
  void close();
}
