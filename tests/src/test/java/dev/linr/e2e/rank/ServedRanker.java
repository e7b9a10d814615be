package dev.linr.e2e.rank;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.linr.rank.RankerFormat;
import java.nio.file.Path;

/**
 * A ranker archive loaded as DJL Serving loads it: Input/Output types and no translator given, so
 * DJL's serving translator factory reads serving.properties and finds the translator it names.
 */
final class ServedRanker implements AutoCloseable {
  private final ZooModel<Input, Output> model;

  ServedRanker(Path archive, RankerFormat format) throws Exception {
    Criteria<Input, Output> criteria =
        Criteria.builder()
            .setTypes(Input.class, Output.class)
            .optModelPath(archive)
            .optEngine(format.engine())
            .build();
    this.model = criteria.loadModel();
  }

  ZooModel<Input, Output> model() {
    return model;
  }

  /** The response body for a request body. */
  String rank(String body) throws TranslateException {
    try (Predictor<Input, Output> p = model.newPredictor()) {
      Input in = new Input();
      in.add(body);
      Output out = p.predict(in);
      if (out.getCode() != 200) {
        throw new AssertionError("status " + out.getCode() + ": " + out.getMessage());
      }
      return out.getData().getAsString();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
