package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.wlm.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One request through a workflow. {@link #evaluate} builds, on the caller's thread, the futures of
 * {@code out} and of the variables it needs, each once (variables it does not need are never run);
 * models and functions run as their arguments complete. The memo is touched only while building, so
 * {@link #call}, which functions use from any thread, is thread-safe.
 */
final class WorkflowRun implements WorkflowContext {
  private final StepTargets targets;
  private final Input request;
  private final Map<String, CompletableFuture<Input>> memo = new HashMap<>();

  WorkflowRun(StepTargets targets, Input request) {
    this.targets = targets;
    this.request = request;
  }

  /** The future value of a variable. */
  CompletableFuture<Input> evaluate(String variable) {
    CompletableFuture<Input> f = memo.get(variable);
    if (f == null) {
      f = value(targets.definition().variables().get(variable));
      memo.put(variable, f);
    }
    return f;
  }

  private CompletableFuture<Input> value(Expression e) {
    if (e instanceof Expression.Request) {
      return CompletableFuture.completedFuture(request);
    }
    if (e instanceof Expression.Variable v) {
      return evaluate(v.name());
    }
    if (e instanceof Expression.Name n) {
      return CompletableFuture.completedFuture(StepValues.name(n.name()));
    }
    if (e instanceof Expression.ModelStep m) {
      ModelVersion model = targets.model(m.model());
      return value(m.argument()).thenCompose(v -> submit(model, v));
    }
    Expression.FunctionStep f = (Expression.FunctionStep) e;
    WorkflowFunction function = targets.function(f.function());
    List<CompletableFuture<Input>> args = new ArrayList<>(f.arguments().size());
    for (Expression a : f.arguments()) {
      args.add(value(a));
    }
    return CompletableFuture.allOf(args.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            done -> {
              List<Input> values = new ArrayList<>(args.size());
              for (CompletableFuture<Input> a : args) {
                values.add(a.join());
              }
              return apply(function, values);
            });
  }

  private CompletableFuture<Input> submit(ModelVersion model, Input value) {
    try {
      return model.submit(StepValues.modelInput(value, request)).thenApply(o -> o);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Input> apply(WorkflowFunction function, List<Input> values) {
    try {
      CompletableFuture<Output> out = function.apply(List.copyOf(values), this);
      if (out == null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException(function.getClass().getName() + " returned no future"));
      }
      return out.thenApply(
          o -> {
            if (o == null) {
              throw new IllegalStateException(
                  function.getClass().getName() + " completed with no output");
            }
            return o;
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String workflowName() {
    return targets.definition().name();
  }

  @Override
  public CompletableFuture<Output> call(String name, List<Input> args) {
    CompletableFuture<Input> result;
    if (targets.definition().models().containsKey(name)) {
      if (args.size() != 1) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException(
                "model '" + name + "' takes exactly one argument, got " + args.size()));
      }
      result = submit(targets.model(name), args.get(0));
    } else if (targets.definition().functions().containsKey(name)) {
      result = apply(targets.function(name), args);
    } else {
      return CompletableFuture.failedFuture(
          new BadRequestException(
              "Workflow " + workflowName() + " has no model or function named '" + name + "'"));
    }
    return result.thenApply(StepValues::answer);
  }
}
