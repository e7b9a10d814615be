package dev.linr.rank;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * The typed translator for one ranking request: {@code Predictor<RankRequest, List<RankedHit>>}.
 * For several requests in one forward pass use {@link RankingBatchTranslator}. Thread-safe.
 *
 * <pre>{@code
 * RankerFeatures features = RankerFeatures.parse("product,score", "quality");
 * try (Predictor<RankRequest, List<RankedHit>> p =
 *     ranker.newPredictor(new RankingTranslator(64, features))) {
 *   List<RankedHit> best = p.predict(request);
 * }
 * }</pre>
 */
public final class RankingTranslator implements Translator<RankRequest, List<RankedHit>> {
  private final RankingBatchTranslator batch;

  /**
   * @param dimension the query and stored vector length
   * @param features what the ranker reads per candidate
   */
  public RankingTranslator(int dimension, RankerFeatures features) {
    this.batch = new RankingBatchTranslator(dimension, features, false);
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, RankRequest input) {
    return batch.processInput(ctx, List.of(input));
  }

  @Override
  public List<RankedHit> processOutput(TranslatorContext ctx, NDList list) {
    return batch.processOutput(ctx, list).get(0);
  }
}
