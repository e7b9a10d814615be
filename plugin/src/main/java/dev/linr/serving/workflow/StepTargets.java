package dev.linr.serving.workflow;

import dev.linr.serving.wlm.ModelVersion;
import java.util.Map;

/** What a workflow's steps run: its loaded models and created functions, by local name. */
record StepTargets(
    WorkflowDefinition definition,
    Map<String, ModelVersion> models,
    Map<String, WorkflowFunction> functions) {
  StepTargets {
    models = Map.copyOf(models);
    functions = Map.copyOf(functions);
  }

  ModelVersion model(String name) {
    return models.get(name);
  }

  WorkflowFunction function(String name) {
    return functions.get(name);
  }
}
