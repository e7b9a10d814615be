package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.workflow.Expression.FunctionStep;
import dev.linr.serving.workflow.Expression.ModelStep;
import dev.linr.serving.workflow.Expression.Request;
import dev.linr.serving.workflow.Expression.Variable;
import dev.linr.serving.workflow.functions.RankInput;
import dev.linr.serving.workflow.functions.RetrievalQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workflow files shipped in {@code conf/workflows}. */
class ExampleWorkflowsTest {
  private static final Path CONF = Path.of("..", "conf", "workflows").toAbsolutePath().normalize();

  @Test
  void feedWorkflowNamesTheIndexAndRankerBesideIt() {
    WorkflowDefinition d = WorkflowParser.read(CONF.resolve("feed.json").toString(), null);
    assertEquals("feed", d.name());
    assertEquals("1", d.version());
    assertEquals(
        Map.of(
            "retrieval",
            new ModelSpec(
                "retrieval", null, CONF.resolve("posts").toString(), null, null, Map.of()),
            "ranker",
            new ModelSpec(
                "ranker", null, CONF.resolve("ranker").toString(), "OnnxRuntime", null, Map.of())),
        d.models());
    assertEquals(
        new ModelStep(
            "ranker",
            new FunctionStep("rankInput", List.of(new Request(), new Variable("candidates")))),
        d.variables().get("out"));
  }

  @Test
  void feedWorkflowFunctionsAreTheBuiltIns() {
    WorkflowDefinition d = WorkflowParser.read(CONF.resolve("feed.json").toString(), null);
    assertInstanceOf(
        RetrievalQuery.class,
        FunctionLoader.load(d.url(), "retrievalQuery", d.functions().get("retrievalQuery")));
    assertInstanceOf(
        RankInput.class, FunctionLoader.load(d.url(), "rankInput", d.functions().get("rankInput")));
  }
}
