package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.ndarray.BytesSupplier;
import ai.djl.translate.TranslateException;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchRequestParser;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.translate.IndexServingTranslator;
import dev.linr.translate.SearchBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a batch of search jobs against a linr index in one forward pass. Each job's content type is
 * checked and its body parsed on its own, as the index's serving translator does (a malformed body
 * fails that job alone), the queries of every job are merged into one {@link SearchBatch} (split
 * into passes of at most {@code maxBatch} queries), and each job gets its own slice of the
 * responses written exactly as the index's serving translator writes them. When a pass fails (for
 * example a filter naming an unknown attribute), its jobs run one by one so the failure is reported
 * by the job that caused it, with the message a single request would get. Thread-safe.
 */
final class IndexBatchRunner implements BatchRunner {
  private final LinrIndex index;
  private final AtomicLong passes = new AtomicLong();

  /**
   * @param index the index; the runner closes it
   */
  IndexBatchRunner(LinrIndex index) {
    this.index = index;
  }

  @Override
  public List<JobOutcome> run(List<Input> inputs) {
    SearchRequestParser parser = index.requestParser();
    JobOutcome[] outcomes = new JobOutcome[inputs.size()];
    ParsedRequests[] parsed = new ParsedRequests[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      try {
        IndexServingTranslator.checkContentType(inputs.get(i));
        parsed[i] = parser.parse(body(inputs.get(i)));
      } catch (TranslateException e) {
        outcomes[i] = JobOutcome.failed(e);
      } catch (IllegalArgumentException e) {
        outcomes[i] = JobOutcome.failed(new TranslateException(e.getMessage(), e));
      }
    }
    List<Integer> pass = new ArrayList<>();
    int queries = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (parsed[i] == null) {
        continue;
      }
      int n = parsed[i].requests().size();
      if (!pass.isEmpty() && queries + n > parser.maxBatchSize()) {
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
  private void runPass(List<Integer> jobs, ParsedRequests[] parsed, JobOutcome[] outcomes) {
    List<SearchRequest> merged = new ArrayList<>();
    for (int j : jobs) {
      merged.addAll(parsed[j].requests());
    }
    List<SearchResponse> responses;
    try {
      passes.incrementAndGet();
      responses = index.search(SearchBatch.of(merged));
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
      int n = parsed[j].requests().size();
      try {
        outcomes[j] =
            JobOutcome.ok(index.servingOutput(parsed[j], responses.subList(offset, offset + n)));
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
    return OptionalLong.of(index.metadata().count());
  }

  @Override
  public void close() {
    index.close();
  }
}
