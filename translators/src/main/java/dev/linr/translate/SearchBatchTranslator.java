package dev.linr.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.SearchResponse;
import java.util.List;

/**
 * Answers a {@link SearchBatch} in one forward pass of the index model. Thread-safe: it holds no
 * per-call state.
 */
public final class SearchBatchTranslator implements Translator<SearchBatch, List<SearchResponse>> {
  private static final String BATCH = "linr.batch";

  private final QueryEncoder encoder;
  private final ResultDecoder decoder;

  private final SearchOptions options;

  /** A translator with the default planner options. */
  public SearchBatchTranslator(IndexContext context) {
    this(context, SearchOptions.DEFAULT);
  }

  public SearchBatchTranslator(IndexContext context, SearchOptions options) {
    this.encoder = new QueryEncoder(context);
    this.decoder = new ResultDecoder(context);
    this.options = options;
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, SearchBatch input) {
    ctx.setAttachment(BATCH, input);
    return encoder.encode(ctx.getNDManager(), input, options);
  }

  @Override
  public List<SearchResponse> processOutput(TranslatorContext ctx, NDList list) {
    return decoder.decode(list, (SearchBatch) ctx.getAttachment(BATCH));
  }
}
