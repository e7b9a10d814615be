package dev.linr.serving.wlm;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs jobs through a DJL model with its serving translator (a ranker on ONNX Runtime or PyTorch,
 * say): {@link Predictor#batchPredict} for several jobs, {@link Predictor#predict} for one. When a
 * batch fails, its jobs run one by one so that only the bad ones fail. Thread-safe: each batch uses
 * its own predictor.
 */
final class PredictorBatchRunner implements BatchRunner {
  private final ZooModel<Input, Output> model;

  /**
   * @param model the loaded model; the runner closes it
   */
  PredictorBatchRunner(ZooModel<Input, Output> model) {
    this.model = model;
  }

  @Override
  public List<JobOutcome> run(List<Input> inputs) {
    try (Predictor<Input, Output> predictor = model.newPredictor()) {
      if (inputs.size() > 1) {
        try {
          List<Output> outputs = predictor.batchPredict(inputs);
          if (outputs.size() == inputs.size()) {
            List<JobOutcome> out = new ArrayList<>(outputs.size());
            outputs.forEach(o -> out.add(JobOutcome.ok(o)));
            return out;
          }
        } catch (TranslateException | RuntimeException e) {
          // Fall through: one by one, so the failure lands on the job that caused it.
        }
      }
      List<JobOutcome> out = new ArrayList<>(inputs.size());
      for (Input in : inputs) {
        try {
          out.add(JobOutcome.ok(predictor.predict(in)));
        } catch (TranslateException | RuntimeException e) {
          out.add(JobOutcome.failed(e));
        }
      }
      return out;
    }
  }

  @Override
  public OptionalLong items() {
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    model.close();
  }
}
