package dev.linr.rank;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.translate.SearchOptions;
import java.util.List;

/**
 * The typed translator for one request to a fused retrieval and ranking model: {@code
 * Predictor<FusedRequest, List<RankedHit>>}. For several requests in one forward pass use {@link
 * FusedBatchTranslator}. Thread-safe.
 *
 * <pre>{@code
 * FusedContext context = FusedContext.open(Path.of("models/posts_ranked"));
 * try (Predictor<FusedRequest, List<RankedHit>> p =
 *     model.newPredictor(new FusedTranslator(context, SearchOptions.DEFAULT, true))) {
 *   List<RankedHit> best = p.predict(request);
 * }
 * }</pre>
 */
public final class FusedTranslator implements Translator<FusedRequest, List<RankedHit>> {
  private final FusedBatchTranslator batch;

  /**
   * @param options the planner options of the retrieval
   * @param attributes whether ranked hits carry their items' attributes
   */
  public FusedTranslator(FusedContext context, SearchOptions options, boolean attributes) {
    this.batch = new FusedBatchTranslator(context, options, attributes);
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, FusedRequest input) {
    return batch.processInput(ctx, List.of(input));
  }

  @Override
  public List<RankedHit> processOutput(TranslatorContext ctx, NDList list) {
    return batch.processOutput(ctx, list).get(0);
  }
}
