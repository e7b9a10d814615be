package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslatorContext;
import dev.linr.translate.IndexServingTranslator;
import java.util.Map;

/**
 * A serving translator of another class name that answers like the index's own, so that an index
 * archive naming it is served as an ordinary DJL model through its predictor rather than as a linr
 * index.
 */
public final class DelegatingIndexTranslator implements ServingTranslator {
  private final IndexServingTranslator delegate = new IndexServingTranslator();

  @Override
  public void setArguments(Map<String, ?> arguments) {
    delegate.setArguments(arguments);
  }

  @Override
  public void prepare(TranslatorContext ctx) throws Exception {
    delegate.prepare(ctx);
  }

  @Override
  public Batchifier getBatchifier() {
    return delegate.getBatchifier();
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Input input) throws Exception {
    return delegate.processInput(ctx, input);
  }

  @Override
  public Output processOutput(TranslatorContext ctx, NDList list) throws Exception {
    return delegate.processOutput(ctx, list);
  }
}
