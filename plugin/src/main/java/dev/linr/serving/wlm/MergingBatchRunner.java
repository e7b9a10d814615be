package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.ndarray.BytesSupplier;
import ai.djl.translate.TranslateException;
import dev.linr.serving.updates.ItemUpdates;
import dev.linr.translate.IndexServingTranslator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a batch of jobs against a {@link MergeableModel} in one forward pass: a linr index ({@link
 * IndexModel}) or a fused retrieval and ranking model ({@link FusedModel}). Each job's content type
 * is checked and its body parsed on its own, as the model's serving translator does (a malformed
 * body fails that job alone), the queries of every job are merged into one batch (split into passes
 * of at most {@link MergeableModel#maxQueries()} queries), and each job gets its own slice of the
 * answers written exactly as the serving translator writes them. When a pass fails (for example a
 * filter naming an unknown attribute), its jobs run one by one so the failure is reported by the
 * job that caused it, with the message a single request would get. Thread-safe.
 *
 * @param <J> one job's parsed body
 * @param <Q> one query
 * @param <A> one query's answer
 */
final class MergingBatchRunner<J, Q, A> implements BatchRunner {
  private final MergeableModel<J, Q, A> model;
  private final AtomicLong passes = new AtomicLong();

  /**
   * @param model the model; the runner closes it
   */
  MergingBatchRunner(MergeableModel<J, Q, A> model) {
    this.model = model;
  }

  @Override
  public List<JobOutcome> run(List<Input> inputs) {
    JobOutcome[] outcomes = new JobOutcome[inputs.size()];
    List<J> parsed = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      J job = null;
      try {
        IndexServingTranslator.checkContentType(inputs.get(i));
        job = model.parse(body(inputs.get(i)));
      } catch (TranslateException e) {
        outcomes[i] = JobOutcome.failed(e);
      } catch (IllegalArgumentException e) {
        outcomes[i] = JobOutcome.failed(new TranslateException(e.getMessage(), e));
      }
      parsed.add(job);
    }
    int maxQueries = model.maxQueries();
    List<Integer> pass = new ArrayList<>();
    int queries = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (parsed.get(i) == null) {
        continue;
      }
      int n = model.queries(parsed.get(i)).size();
      if (!pass.isEmpty() && queries + n > maxQueries) {
        runPass(pass, parsed, outcomes);
        pass.clear();
        queries = 0;
      }
      pass.add(i);
      queries += n;
    }
    if (!pass.isEmpty()) {
      runPass(pass, parsed, outcomes);
    }
    return Arrays.asList(outcomes);
  }

  /** One forward pass for the jobs {@code jobs}; on failure, one pass per job. */
  private void runPass(List<Integer> jobs, List<J> parsed, JobOutcome[] outcomes) {
    List<Q> merged = new ArrayList<>();
    for (int j : jobs) {
      merged.addAll(model.queries(parsed.get(j)));
    }
    List<A> answers;
    try {
      passes.incrementAndGet();
      answers = model.run(merged);
    } catch (RuntimeException e) {
      if (jobs.size() == 1) {
        outcomes[jobs.get(0)] = JobOutcome.failed(failure(e));
        return;
      }
      for (int j : jobs) {
        runPass(List.of(j), parsed, outcomes);
      }
      return;
    }
    int offset = 0;
    for (int j : jobs) {
      J job = parsed.get(j);
      int n = model.queries(job).size();
      try {
        outcomes[j] = JobOutcome.ok(model.write(job, answers.subList(offset, offset + n)));
      } catch (RuntimeException e) {
        outcomes[j] = JobOutcome.failed(failure(e));
      }
      offset += n;
    }
  }

  /** The body as the serving translator reads it: the {@code data} entry, else the first one. */
  private static String body(Input input) {
    BytesSupplier data = input.getContent().isEmpty() ? null : input.getData();
    return data == null ? null : new String(data.getAsBytes(), StandardCharsets.UTF_8);
  }

  /**
   * A bad request (an {@link IllegalArgumentException} naming the field) becomes the {@link
   * TranslateException} DJL Serving reports as 400; anything else is a server failure.
   */
  private static Throwable failure(RuntimeException e) {
    return e instanceof IllegalArgumentException ? new TranslateException(e.getMessage(), e) : e;
  }

  /** Forward passes run so far. */
  long passes() {
    return passes.get();
  }

  @Override
  public OptionalLong items() {
    return model.items();
  }

  @Override
  public Optional<ItemUpdates> updates() {
    return model.updates();
  }

  @Override
  public void close() {
    model.close();
  }
}
