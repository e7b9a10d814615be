package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A function that a workflow names in its {@code functions} object ({@code "rankInput":
 * "dev.linr.serving.workflow.functions.RankInput"}) and applies in a step ({@code ["rankInput",
 * "in", "candidates"]}). The server plays the role of DJL Serving's abstract {@code
 * WorkflowFunction} with this interface; the workflow JSON is the same.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Loaded from the server classpath by class name; a public no-arg constructor is required. A
 *       class that does not load, does not implement this interface or cannot be constructed fails
 *       the workflow's registration.
 *   <li>One instance per workflow and local name, called concurrently by every request: it must be
 *       thread-safe. If it is {@link AutoCloseable}, it is closed when the workflow is.
 *   <li>It must not block: it runs on the thread that completed its last argument (a model's
 *       worker, or the caller of {@link Workflow#run}). Long work belongs in a model, or in a
 *       future completed elsewhere.
 *   <li>It must not modify its arguments, which other steps may share.
 * </ul>
 */
public interface WorkflowFunction {
  /**
   * Applies the function.
   *
   * @param args the values of the step's arguments, in order: the request itself for {@code in}
   *     (its body as data, its headers as properties), the {@link Output} of a model or function
   *     step, or, for a model or function name used as a value, an {@link Output} whose data is the
   *     name as UTF-8 text
   * @param context runs the workflow's other models and functions by name
   * @return the step's value; a failed future or an exception thrown here fails the step, and the
   *     exception reaches the caller of the workflow unchanged (throw {@link
   *     dev.linr.serving.BadRequestException} for a bad request)
   */
  CompletableFuture<Output> apply(List<Input> args, WorkflowContext context);
}
