package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Runs of workflows made of functions only; model steps are covered with real models elsewhere. */
class WorkflowRunTest {
  private static final String F = "dev.linr.serving.workflow.TestFunctions$";

  /** These workflows have no models, so nothing is ever loaded. */
  private static final Function<ModelSpec, ModelVersion> NO_MODELS =
      spec -> {
        throw new IllegalStateException("no model expected: " + spec);
      };

  private static LoadedWorkflow load(String json) {
    return WorkflowLoader.load(Workflows.parse(json), NO_MODELS, false);
  }

  private static Input request(String body) {
    Input in = new Input();
    in.addProperty("Content-Type", "text/plain");
    in.addProperty("x-trace", "abc");
    in.add("data", body);
    return in;
  }

  private static String text(CompletableFuture<Output> answer) throws Exception {
    return answer.get().getData().getAsString();
  }

  @Test
  void stepsRunInDependencyOrder() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join'},"
                + " 'workflow': {'a': ['join', 'in'], 'b': ['join', 'a', 'in'],"
                + "  'out': ['join', 'b', ['join', 'a']]}}");
    assertEquals("(((q),q),((q)))", text(w.run(request("q"))));
  }

  @Test
  void variableUsedTwiceRunsOnce() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'count': '"
                + F
                + "Count'},"
                + " 'workflow': {'a': ['count', 'in'], 'out': ['join', 'a', 'a']}}");
    assertEquals("(q#1,q#1)", text(w.run(request("q"))));
  }

  @Test
  void eachRequestRunsItsStepsAgain() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'count': '"
                + F
                + "Count'},"
                + " 'workflow': {'out': ['count', 'in']}}");
    text(w.run(request("q")));
    assertEquals("r#2", text(w.run(request("r"))));
  }

  @Test
  void variablesThatOutDoesNotNeedAreNotRun() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'fail': '"
                + F
                + "Fail'},"
                + " 'workflow': {'unused': ['fail', 'in'], 'out': ['join', 'in']}}");
    assertEquals("(q)", text(w.run(request("q"))));
  }

  @Test
  void outMayBeTheRequestItself() throws Exception {
    LoadedWorkflow w = load("{'name': 'w', 'workflow': {'out': 'in'}}");
    Output out = w.run(request("q")).get();
    assertEquals("q", out.getData().getAsString());
    assertEquals("text/plain", out.getProperty("Content-Type", null));
    assertEquals(null, out.getProperty("x-trace", null));
  }

  @Test
  void functionsSeeTheRequestWithItsHeaders() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'headers': '"
                + F
                + "Headers'},"
                + " 'workflow': {'out': ['headers', 'in']}}");
    assertEquals("text/plain abc", text(w.run(request("q"))));
  }

  @Test
  void functionNameAsAnArgumentIsPassedAsItsNameAndCanBeCalled() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'twice': '"
                + F
                + "Twice'},"
                + " 'workflow': {'out': ['twice', 'join', 'in']}}");
    assertEquals("((q))", text(w.run(request("q"))));
  }

  @Test
  void exceptionThrownByAFunctionFailsTheRunUnwrapped() {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'fail': '"
                + F
                + "Fail'},"
                + " 'workflow': {'a': ['fail', 'in'], 'out': ['join', 'a']}}");
    ExecutionException e = assertThrows(ExecutionException.class, () -> w.run(request("q")).get());
    assertSame(TestFunctions.Fail.FAILURE, e.getCause());
  }

  @Test
  void failedFutureOfAFunctionFailsTheRunUnwrapped() {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'later': '"
                + F
                + "FailLater'},"
                + " 'workflow': {'out': ['join', ['join', ['later', 'in']]]}}");
    CompletableFuture<Output> run = w.run(request("q"));
    ExecutionException e = assertThrows(ExecutionException.class, run::get);
    assertSame(TestFunctions.FailLater.FAILURE, e.getCause());
  }

  @Test
  void runReturnsBeforeAPendingStepCompletes() throws Exception {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'join': '"
                + F
                + "Join', 'gate': '"
                + F
                + "Gate'},"
                + " 'workflow': {'out': ['join', ['gate', 'in']]}}");
    CompletableFuture<Output> run = w.run(request("q"));
    assertFalse(run.isDone());
    ((TestFunctions.Gate) w.targets().function("gate")).gate.complete(TestFunctions.text("g"));
    assertEquals("(g)", text(run));
  }

  @Test
  void closingAWorkflowClosesItsClosableFunctions() {
    LoadedWorkflow w =
        load(
            "{'name': 'w', 'functions': {'c': '"
                + F
                + "Closing'},"
                + " 'workflow': {'out': ['c', 'in']}}");
    int before = TestFunctions.Closing.CLOSED.get();
    w.close();
    assertEquals(before + 1, TestFunctions.Closing.CLOSED.get());
  }

  @Test
  void runAfterCloseFails() {
    LoadedWorkflow w = load("{'name': 'w', 'workflow': {'out': 'in'}}");
    w.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> w.run(request("q")).get());
    assertEquals("Workflow w is unregistered", e.getCause().getMessage());
    assertTrue(e.getCause() instanceof dev.linr.serving.ServiceUnavailableException);
  }
}
