package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.BadRequestException;
import dev.linr.serving.workflow.functions.RankInput;
import org.junit.jupiter.api.Test;

class FunctionLoaderTest {
  private static final String PREFIX = "dev.linr.serving.workflow.TestFunctions$";

  private static String message(String className) {
    return assertThrows(
            BadRequestException.class, () -> FunctionLoader.load("x.json", "f", className))
        .getMessage();
  }

  @Test
  void createsAnInstanceOfTheNamedClass() {
    assertInstanceOf(
        RankInput.class,
        FunctionLoader.load("x.json", "f", "dev.linr.serving.workflow.functions.RankInput"));
  }

  @Test
  void missingClassIsAnError() {
    assertEquals(
        "Invalid workflow x.json: functions.f class org.example.Missing is not on the server"
            + " classpath",
        message("org.example.Missing"));
  }

  @Test
  void classThatIsNotAWorkflowFunctionIsAnError() {
    assertEquals(
        "Invalid workflow x.json: functions.f class "
            + PREFIX
            + "NotAFunction does not implement dev.linr.serving.workflow.WorkflowFunction",
        message(PREFIX + "NotAFunction"));
  }

  @Test
  void classWithoutNoArgConstructorIsAnError() {
    assertEquals(
        "Invalid workflow x.json: functions.f class "
            + PREFIX
            + "NeedsArgument has no public no-arg constructor",
        message(PREFIX + "NeedsArgument"));
  }

  @Test
  void constructorFailureIsAnErrorWithItsCause() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> FunctionLoader.load("x.json", "f", PREFIX + "BrokenConstructor"));
    assertEquals(
        "Invalid workflow x.json: functions.f class "
            + PREFIX
            + "BrokenConstructor failed to construct: java.lang.IllegalStateException: no"
            + " configuration",
        e.getMessage());
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void abstractClassIsAnError() {
    assertEquals(
        "Invalid workflow x.json: functions.f class " + PREFIX + "Abstract is abstract",
        message(PREFIX + "Abstract"));
  }
}
