package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Input;
import dev.linr.serving.ConflictException;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.wlm.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's bookkeeping, over workflows without models. */
class WorkflowRegistryTest {
  @TempDir Path dir;

  private final WorkflowRegistry registry =
      new WorkflowRegistry(
          (ModelSpec spec) -> {
            throw new IllegalStateException("no model expected");
          });

  private String file(String name, String version) {
    return Workflows.write(
            dir,
            name + "-" + version + ".json",
            "{'name': '" + name + "', 'version': '" + version + "', 'workflow': {'out': 'in'}}")
        .toString();
  }

  private static List<String> names(List<Workflow> list) {
    return list.stream().map(w -> w.name() + ":" + w.version()).toList();
  }

  @Test
  void registeredWorkflowIsFoundByNameAndVersion() {
    registry.register(file("feed", "1"), null, false);
    assertEquals("feed", registry.get("feed", "1").name());
    assertTrue(registry.contains("feed"));
  }

  @Test
  void defaultVersionIsTheFirstRegistered() {
    registry.register(file("feed", "2"), null, false);
    registry.register(file("feed", "1"), null, false);
    assertEquals("2", registry.get("feed", null).version());
  }

  @Test
  void sameNameAndVersionIsAConflict() {
    String f = file("feed", "1");
    registry.register(f, null, false);
    ConflictException e =
        assertThrows(ConflictException.class, () -> registry.register(f, null, false));
    assertEquals("Workflow feed:1 is already registered", e.getMessage());
  }

  @Test
  void nameGivenAtRegistrationOverridesTheFile() {
    registry.register(file("feed", "1"), "other", false);
    assertEquals(List.of("other:1"), names(registry.list()));
  }

  @Test
  void listIsSortedByNameThenRegistrationOrder() {
    registry.register(file("b", "2"), null, false);
    registry.register(file("a", "1"), null, false);
    registry.register(file("b", "1"), null, false);
    assertEquals(List.of("a:1", "b:2", "b:1"), names(registry.list()));
  }

  @Test
  void unregisterWithoutVersionRemovesEveryVersion() {
    registry.register(file("feed", "1"), null, false);
    registry.register(file("feed", "2"), null, false);
    registry.unregister("feed", null);
    assertFalse(registry.contains("feed"));
  }

  @Test
  void unregisterOneVersionKeepsTheOthers() {
    registry.register(file("feed", "1"), null, false);
    registry.register(file("feed", "2"), null, false);
    registry.unregister("feed", "1");
    assertEquals(List.of("feed:2"), names(registry.list()));
  }

  @Test
  void unregisterUnknownIsNotFound() {
    ModelNotFoundException e =
        assertThrows(ModelNotFoundException.class, () -> registry.unregister("feed", "1"));
    assertEquals("Workflow not found: feed:1", e.getMessage());
  }

  @Test
  void getUnknownVersionIsNotFound() {
    registry.register(file("feed", "1"), null, false);
    ModelNotFoundException e =
        assertThrows(ModelNotFoundException.class, () -> registry.get("feed", "3"));
    assertEquals("Workflow not found: feed:3", e.getMessage());
  }

  @Test
  void runAnswersThroughTheWorkflow() throws Exception {
    registry.register(file("echo", "1"), null, false);
    Input in = new Input();
    in.add("data", "hello");
    assertEquals("hello", registry.run("echo", null, in).get().getData().getAsString());
  }

  @Test
  void unregisteredWorkflowNoLongerRuns() {
    Workflow w = registry.register(file("echo", "1"), null, false);
    registry.unregister("echo", "1");
    assertThrows(ExecutionException.class, () -> w.run(new Input()).get());
  }

  @Test
  void describeHasDjlServingsShape() {
    Workflow w = registry.register(file("echo", "1"), null, false);
    assertEquals(
        "{\"workflowName\":\"echo\",\"version\":\"1\",\"models\":[]}", w.describe().toString());
  }

  @Test
  void closedRegistryRefusesRegistrations() {
    registry.close();
    assertThrows(IllegalStateException.class, () -> registry.register(file("a", "1"), null, false));
  }
}
