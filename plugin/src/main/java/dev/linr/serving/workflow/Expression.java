package dev.linr.serving.workflow;

import java.util.List;

/**
 * One expression of a workflow, with every name resolved: what a variable is defined as, or one
 * argument of a step. Immutable.
 */
public sealed interface Expression {
  /** The request ({@code in}). */
  record Request() implements Expression {}

  /** The value of another variable of the workflow. */
  record Variable(String name) implements Expression {}

  /**
   * A model or function name used as a value: its value is the name itself (text), which a function
   * may run through {@link WorkflowContext#call}.
   */
  record Name(String name) implements Expression {}

  /** {@code [model, arg]}: one job on a model of the workflow. */
  record ModelStep(String model, Expression argument) implements Expression {}

  /** {@code [function, args...]}: a function of the workflow applied to its arguments' values. */
  record FunctionStep(String function, List<Expression> arguments) implements Expression {
    public FunctionStep {
      arguments = List.copyOf(arguments);
    }
  }
}
