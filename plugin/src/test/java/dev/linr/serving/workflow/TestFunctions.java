package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.BytesSupplier;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflow functions that tests name in their workflow files. */
final class TestFunctions {
  private TestFunctions() {}

  static Output text(String s) {
    Output o = new Output();
    o.addProperty("Content-Type", "text/plain");
    o.add("data", BytesSupplier.wrap(s));
    return o;
  }

  static String text(Input value) {
    return value.getData().getAsString();
  }

  /** {@code (a,b,c)} from its arguments' texts. */
  public static final class Join implements WorkflowFunction {
    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      List<String> parts = new ArrayList<>();
      for (Input a : args) {
        parts.add(text(a));
      }
      return CompletableFuture.completedFuture(text("(" + String.join(",", parts) + ")"));
    }
  }

  /** Its argument's text with the number of times it has run appended: {@code x#1}. */
  public static final class Count implements WorkflowFunction {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return CompletableFuture.completedFuture(
          text(text(args.get(0)) + "#" + runs.incrementAndGet()));
    }
  }

  /** Throws a bad request. */
  public static final class Fail implements WorkflowFunction {
    static final BadRequestException FAILURE = new BadRequestException("n must be at least 1");

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      throw FAILURE;
    }
  }

  /** Fails its future with a conflict. */
  public static final class FailLater implements WorkflowFunction {
    static final ConflictException FAILURE = new ConflictException("taken");

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return CompletableFuture.failedFuture(FAILURE);
    }
  }

  /** Answers when the test completes {@link #gate}. */
  public static final class Gate implements WorkflowFunction {
    final CompletableFuture<Output> gate = new CompletableFuture<>();

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return gate;
    }
  }

  /** {@code ["twice", "f", x]}: f applied to f applied to x, through the context. */
  public static final class Twice implements WorkflowFunction {
    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      String name = text(args.get(0));
      return context
          .call(name, List.of(args.get(1)))
          .thenCompose(once -> context.call(name, List.of(once)));
    }
  }

  /** The request's Content-Type header, and whether another header reached it. */
  public static final class Headers implements WorkflowFunction {
    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      Input a = args.get(0);
      return CompletableFuture.completedFuture(
          text(a.getProperty("Content-Type", "-") + " " + a.getProperty("x-trace", "-")));
    }
  }

  /** Records its closing. */
  public static final class Closing implements WorkflowFunction, AutoCloseable {
    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return CompletableFuture.completedFuture(text("open"));
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  /** Not a function. */
  public static final class NotAFunction {}

  /** No public no-arg constructor. */
  public static final class NeedsArgument implements WorkflowFunction {
    public NeedsArgument(String ignored) {}

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return CompletableFuture.completedFuture(text(""));
    }
  }

  /** Its constructor throws. */
  public static final class BrokenConstructor implements WorkflowFunction {
    public BrokenConstructor() {
      throw new IllegalStateException("no configuration");
    }

    @Override
    public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
      return CompletableFuture.completedFuture(text(""));
    }
  }

  /** Abstract. */
  public abstract static class Abstract implements WorkflowFunction {}
}
