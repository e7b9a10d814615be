package dev.linr.e2e.rank;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Paths;

/**
 * Loads a ranker archive the way DJL Serving does, with only DJL and its engines on the classpath:
 * no translator is given, so DJL's ServingTranslatorFactory reads {@code serving.properties} and
 * loads the translator from the archive's {@code libs/}. Arguments: archive, engine, request body.
 * Prints the translator's class loader, the response code and body.
 */
public final class StockDjlRankerMain {
  private StockDjlRankerMain() {}

  public static void main(String[] args) throws Exception {
    Criteria<Input, Output> criteria =
        Criteria.builder()
            .setTypes(Input.class, Output.class)
            .optModelPath(Paths.get(args[0]))
            .optEngine(args[1])
            .build();
    try (ZooModel<Input, Output> model = criteria.loadModel();
        Predictor<Input, Output> predictor = model.newPredictor()) {
      Input in = new Input();
      in.add(args[2]);
      Output out = predictor.predict(in);
      System.out.println(model.getTranslator().getClass().getName());
      System.out.println(out.getCode());
      System.out.println(out.getData().getAsString());
    }
  }
}
