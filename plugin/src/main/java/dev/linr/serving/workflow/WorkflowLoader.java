package dev.linr.serving.workflow;

import dev.linr.serving.BadRequestException;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link WorkflowDefinition} into a runnable {@link Workflow}: creates its functions, then
 * loads its models (unregistered: the workflow owns them). On any failure, whatever was already
 * created is closed before the error is thrown.
 */
final class WorkflowLoader {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowLoader.class);

  private WorkflowLoader() {}

  /**
   * @param models loads one model, e.g. {@link dev.linr.serving.wlm.ModelRegistry#load}
   * @throws BadRequestException if a function does not load, or a model fails to load (the message
   *     names the model and carries the loader's message)
   */
  static LoadedWorkflow load(
      WorkflowDefinition definition,
      Function<ModelSpec, ModelVersion> models,
      boolean loadedAtStartup) {
    Map<String, WorkflowFunction> functions = new LinkedHashMap<>();
    Map<String, ModelVersion> loaded = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> f : definition.functions().entrySet()) {
        functions.put(f.getKey(), FunctionLoader.load(definition.url(), f.getKey(), f.getValue()));
      }
      for (Map.Entry<String, ModelSpec> m : definition.models().entrySet()) {
        ModelVersion model;
        try {
          model = models.apply(m.getValue());
        } catch (RuntimeException e) {
          throw InvalidWorkflow.at(
              definition.url(),
              "models." + m.getKey(),
              "failed to load from " + m.getValue().url() + ": " + e.getMessage(),
              e);
        }
        loaded.put(m.getKey(), model);
      }
      return new LoadedWorkflow(new StepTargets(definition, loaded, functions), loadedAtStartup);
    } catch (RuntimeException | Error e) {
      closeAll(loaded.values(), functions.values());
      throw e;
    }
  }

  /** Closes models, then functions that are {@link AutoCloseable}; logs and goes on on failure. */
  static void closeAll(Collection<ModelVersion> models, Collection<WorkflowFunction> functions) {
    List<AutoCloseable> all = new ArrayList<>(models);
    for (WorkflowFunction f : functions) {
      if (f instanceof AutoCloseable c) {
        all.add(c);
      }
    }
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", c, e);
      }
    }
  }
}
