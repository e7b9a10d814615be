package dev.linr.serving.wlm;

import ai.djl.modality.Output;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.runtime.LinrFused;
import java.util.List;
import java.util.OptionalLong;

/**
 * A fused retrieval and ranking archive as a {@link MergeableModel}: a job is one request {@code
 * {"vector", "k", "n", "filter"}}, and the jobs of a batch, each with its own k and n, run in one
 * forward pass; each answer is written as the fused serving translator writes it. Thread-safe.
 */
final class FusedModel implements MergeableModel<FusedRequest, FusedRequest, List<RankedHit>> {
  private final LinrFused fused;

  /**
   * @param fused the fused model; closed by {@link #close()}
   */
  FusedModel(LinrFused fused) {
    this.fused = fused;
  }

  @Override
  public FusedRequest parse(String body) {
    return fused.requestParser().parse(body);
  }

  @Override
  public List<FusedRequest> queries(FusedRequest job) {
    return List.of(job);
  }

  @Override
  public int maxQueries() {
    return fused.maxBatch();
  }

  @Override
  public List<List<RankedHit>> run(List<FusedRequest> queries) {
    return fused.rank(queries);
  }

  @Override
  public Output write(FusedRequest job, List<List<RankedHit>> answers) {
    return fused.servingOutput(answers.get(0));
  }

  @Override
  public OptionalLong items() {
    return OptionalLong.of(fused.context().index().metadata().count());
  }

  @Override
  public void close() {
    fused.close();
  }
}
