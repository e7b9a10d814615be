package dev.linr.serving.wlm;

import ai.djl.modality.Output;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.translate.SearchBatch;
import java.util.List;
import java.util.OptionalLong;

/**
 * A linr index as a {@link MergeableModel}: a job is a search body (one query or a batch of them),
 * answered as the index's serving translator answers it. Thread-safe.
 */
final class IndexModel implements MergeableModel<ParsedRequests, SearchRequest, SearchResponse> {
  private final LinrIndex index;

  /**
   * @param index the index; closed by {@link #close()}
   */
  IndexModel(LinrIndex index) {
    this.index = index;
  }

  @Override
  public ParsedRequests parse(String body) {
    return index.requestParser().parse(body);
  }

  @Override
  public List<SearchRequest> queries(ParsedRequests job) {
    return job.requests();
  }

  @Override
  public int maxQueries() {
    return index.requestParser().maxBatchSize();
  }

  @Override
  public List<SearchResponse> run(List<SearchRequest> queries) {
    return index.search(SearchBatch.of(queries));
  }

  @Override
  public Output write(ParsedRequests job, List<SearchResponse> answers) {
    return index.servingOutput(job, answers);
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
