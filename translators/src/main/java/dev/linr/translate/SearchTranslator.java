package dev.linr.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import java.util.List;

/**
 * The typed translator for one query: {@code Predictor<SearchRequest, SearchResponse>}. For many
 * queries at once use {@link SearchBatchTranslator}, which runs them in one forward pass.
 */
public final class SearchTranslator implements Translator<SearchRequest, SearchResponse> {
  private final SearchBatchTranslator batch;

  public SearchTranslator(IndexContext context) {
    this.batch = new SearchBatchTranslator(context);
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, SearchRequest input) {
    return batch.processInput(ctx, SearchBatch.of(List.of(input)));
  }

  @Override
  public SearchResponse processOutput(TranslatorContext ctx, NDList list) {
    return batch.processOutput(ctx, list).get(0);
  }
}
