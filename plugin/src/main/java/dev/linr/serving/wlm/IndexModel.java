package dev.linr.serving.wlm;

import ai.djl.modality.Output;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.serving.ingest.KafkaIngestor;
import dev.linr.serving.updates.ItemUpdates;
import dev.linr.serving.updates.ServedIndex;
import dev.linr.translate.SearchBatch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A linr index as a {@link MergeableModel}: a job is a search body (one query or a batch of them),
 * answered as the index's serving translator answers it. The index is opened live (in memory or
 * durable), so its items can be updated while it serves ({@link #updates()}); each search sees
 * every update published before it starts. Thread-safe.
 */
final class IndexModel implements MergeableModel<ParsedRequests, SearchRequest, SearchResponse> {
  private final ServedIndex served;
  private final LiveIndex index;
  private final KafkaIngestor ingestor;

  /**
   * @param served the index; closed by {@link #close()}
   */
  IndexModel(ServedIndex served) {
    this(served, null);
  }

  /**
   * @param served the index; closed by {@link #close()}
   * @param ingestor the change stream consumer applying updates to it, or null; stopped by {@link
   *     #close()} before the index is closed
   */
  IndexModel(ServedIndex served, KafkaIngestor ingestor) {
    this.served = served;
    this.index = served.live();
    this.ingestor = ingestor;
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
    // Never waits for an update batch: metrics and descriptions are rendered on I/O threads.
    return OptionalLong.of(served.items());
  }

  @Override
  public Optional<ItemUpdates> updates() {
    return Optional.of(ingestor == null ? served.updates() : ingestor.updates());
  }

  @Override
  public void close() {
    try {
      if (ingestor != null) {
        ingestor.close();
      }
    } finally {
      served.close();
    }
  }
}
