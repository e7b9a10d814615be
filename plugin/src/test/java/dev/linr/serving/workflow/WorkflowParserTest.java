package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.BadRequestException;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.workflow.Expression.FunctionStep;
import dev.linr.serving.workflow.Expression.ModelStep;
import dev.linr.serving.workflow.Expression.Name;
import dev.linr.serving.workflow.Expression.Request;
import dev.linr.serving.workflow.Expression.Variable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowParserTest {
  private static final String FEED =
      "{'name': 'feed', 'version': '1',"
          + " 'models': {'retrieval': '{model_dir}/posts',"
          + "  'ranker': {'modelUrl': '{model_dir}/ranker', 'engineName': 'OnnxRuntime',"
          + "   'batchSize': 16}},"
          + " 'functions': {'retrievalQuery': 'a.RetrievalQuery', 'rankInput': 'a.RankInput'},"
          + " 'workflow': {'query': ['retrievalQuery', 'in'], 'candidates': ['retrieval', 'query'],"
          + "  'out': ['ranker', ['rankInput', 'in', 'candidates']]}}";

  @TempDir Path dir;

  private static String message(String json) {
    return assertThrows(BadRequestException.class, () -> Workflows.parse(json)).getMessage();
  }

  @Test
  void feedExampleParsesIntoModelsFunctionsAndResolvedSteps() {
    WorkflowDefinition d = Workflows.parse(FEED);
    assertEquals("feed", d.name());
    assertEquals("1", d.version());
    assertEquals("x.json", d.url());
    assertEquals(
        Map.of(
            "retrieval",
            new ModelSpec("retrieval", null, "/wf/posts", null, null, Map.of()),
            "ranker",
            new ModelSpec(
                "ranker", null, "/wf/ranker", "OnnxRuntime", null, Map.of("batch_size", "16"))),
        d.models());
    assertEquals(
        Map.of("retrievalQuery", "a.RetrievalQuery", "rankInput", "a.RankInput"), d.functions());
    assertEquals(
        Map.of(
            "query",
            new FunctionStep("retrievalQuery", List.of(new Request())),
            "candidates",
            new ModelStep("retrieval", new Variable("query")),
            "out",
            new ModelStep(
                "ranker",
                new FunctionStep("rankInput", List.of(new Request(), new Variable("candidates"))))),
        d.variables());
  }

  @Test
  void modelDirIsTheFolderOfTheWorkflowFile() {
    Path file = Workflows.write(dir.resolve("store"), "feed.json", FEED);
    WorkflowDefinition d = WorkflowParser.read(file.toString(), null);
    assertEquals(dir.resolve("store/posts").toString(), d.models().get("retrieval").url());
  }

  @Test
  void fileUrlIsReadLikeAPath() {
    Path file = Workflows.write(dir, "feed.json", FEED);
    WorkflowDefinition d = WorkflowParser.read(file.toUri().toString(), null);
    assertEquals(file.toUri().toString(), d.url());
    assertEquals(dir.resolve("ranker").toString(), d.models().get("ranker").url());
  }

  @Test
  void yamlFileIsRefusedAsUnsupported() {
    Path file = Workflows.write(dir, "feed.yaml", "name: feed");
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> WorkflowParser.read(file.toString(), null));
    assertEquals(
        "Workflow file "
            + file
            + " is YAML, which this server does not read; write the workflow as JSON (.json)",
        e.getMessage());
  }

  @Test
  void ymlExtensionIsRefusedAsYaml() {
    Path file = Workflows.write(dir, "feed.yml", "name: feed");
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> WorkflowParser.read(file.toString(), null));
    assertEquals(
        "Workflow file "
            + file
            + " is YAML, which this server does not read; write the workflow as JSON (.json)",
        e.getMessage());
  }

  @Test
  void fileWithoutJsonExtensionIsRefused() {
    Path file = Workflows.write(dir, "feed.txt", FEED);
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> WorkflowParser.read(file.toString(), null));
    assertEquals(
        "Workflow file " + file + " must be a .json file (DJL Serving's workflow JSON)",
        e.getMessage());
  }

  @Test
  void missingFileIsReported() {
    String missing = dir.resolve("none.json").toString();
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> WorkflowParser.read(missing, null));
    assertEquals("Workflow file not found: " + missing, e.getMessage());
  }

  @Test
  void remoteUrlIsRefused() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> WorkflowParser.read("https://example.com/feed.json", null));
    assertEquals(
        "Workflow URL https://example.com/feed.json is not supported: give a file: URL or a path"
            + " of a local .json file",
        e.getMessage());
  }

  @Test
  void missingNameIsAnError() {
    assertEquals(
        "Invalid workflow x.json: name is required: the workflow's name",
        message("{'workflow': {'out': 'in'}}"));
  }

  @Test
  void nameGivenAtRegistrationReplacesTheFilesName() {
    WorkflowDefinition d =
        WorkflowParser.parse("{\"workflow\": {\"out\": \"in\"}}", "x.json", Path.of("/wf"), "mine");
    assertEquals("mine", d.name());
  }

  @Test
  void nameWithASlashIsRefused() {
    assertEquals(
        "Invalid workflow x.json: name 'a/b' is not a valid name: use letters, digits, '_', '.'"
            + " and '-', starting with a letter, digit or '_'",
        message("{'name': 'a/b', 'workflow': {'out': 'in'}}"));
  }

  @Test
  void missingOutIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out is required: the variable whose value the workflow"
            + " answers",
        message("{'name': 'w', 'workflow': {'a': 'in'}}"));
  }

  @Test
  void missingWorkflowIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow is required: an object of variables that defines out",
        message("{'name': 'w'}"));
  }

  @Test
  void cycleIsReportedWithItsPath() {
    assertEquals(
        "Invalid workflow x.json: workflow.a is part of a cycle: a -> b -> a",
        message(
            "{'name': 'w', 'functions': {'f': 'x.F'},"
                + " 'workflow': {'out': ['f', 'a'], 'a': ['f', 'in', ['f', 'b']], 'b': 'a'}}"));
  }

  @Test
  void variableReferringToItselfIsACycle() {
    assertEquals(
        "Invalid workflow x.json: workflow.out is part of a cycle: out -> out",
        message("{'name': 'w', 'functions': {'f': 'x.F'}, 'workflow': {'out': ['f', 'out']}}"));
  }

  @Test
  void unknownNameInAnArgumentIsNamedWithItsPosition() {
    assertEquals(
        "Invalid workflow x.json: workflow.out[2] unknown name 'nope': not in, a variable, a model"
            + " or a function",
        message(
            "{'name': 'w', 'functions': {'f': 'x.F'}, 'workflow': {'out': ['f', 'in', 'nope']}}"));
  }

  @Test
  void unknownStepTargetIsNamed() {
    assertEquals(
        "Invalid workflow x.json: workflow.out[0] unknown model or function 'ranker'",
        message("{'name': 'w', 'workflow': {'out': ['ranker', 'in']}}"));
  }

  @Test
  void variableAsStepTargetIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out[0] 'in' is a value, not a model or function; a step"
            + " starts with the model or function to run",
        message("{'name': 'w', 'workflow': {'out': ['in']}}"));
  }

  @Test
  void modelStepWithTwoArgumentsIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out model 'm' takes exactly one argument, got 2",
        message("{'name': 'w', 'models': {'m': '/m'}, 'workflow': {'out': ['m', 'in', 'in']}}"));
  }

  @Test
  void modelStepWithoutArgumentIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out[1] model 'm' takes exactly one argument, got 0",
        message(
            "{'name': 'w', 'models': {'m': '/m'}, 'functions': {'f': 'x.F'},"
                + " 'workflow': {'out': ['f', ['m']]}}"));
  }

  @Test
  void emptyStepIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out is an empty step; give [model-or-function, args...]",
        message("{'name': 'w', 'workflow': {'out': []}}"));
  }

  @Test
  void numberAsExpressionIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out must be a name or an array [model-or-function,"
            + " args...], got a number: 5",
        message("{'name': 'w', 'workflow': {'out': 5}}"));
  }

  @Test
  void modelOrFunctionNameAsAnArgumentIsAName() {
    WorkflowDefinition d =
        Workflows.parse(
            "{'name': 'w', 'models': {'m': '/m'}, 'functions': {'f': 'x.F'},"
                + " 'workflow': {'out': ['f', 'm', 'f']}}");
    assertEquals(
        new FunctionStep("f", List.of(new Name("m"), new Name("f"))), d.variables().get("out"));
  }

  @Test
  void duplicateKeyIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.out appears more than once; give each field once",
        message("{'name': 'w', 'workflow': {'out': 'in', 'out': 'in'}}"));
  }

  @Test
  void malformedJsonIsAnError() {
    String m = message("{'name': 'w', ");
    assertEquals(
        "Invalid workflow x.json: the file is not valid JSON: End of input at line 1 column 15"
            + " path $.name",
        m);
  }

  @Test
  void unknownTopLevelFieldIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflows is not a workflow field; valid: name, version, models,"
            + " functions, workflow, configs, batchSize, maxBatchDelayMillis, queueSize,"
            + " maxIdleSeconds",
        message("{'name': 'w', 'workflows': {}, 'workflow': {'out': 'in'}}"));
  }

  @Test
  void configsAreAccepted() {
    WorkflowDefinition d =
        Workflows.parse("{'name': 'w', 'configs': {'c': {'x': 1}}, 'workflow': {'out': 'in'}}");
    assertEquals(Map.of("out", new Request()), d.variables());
  }

  @Test
  void modelObjectTakesDjlFieldNames() {
    WorkflowDefinition d =
        Workflows.parse(
            "{'name': 'w', 'models': {'m': {'modelUrl': 'file:/a/m.zip', 'engineName': 'PyTorch',"
                + " 'version': '2', 'loadOnDevices': 'cpu', 'batchSize': 8,"
                + " 'maxBatchDelayMillis': 5, 'queueSize': 50, 'maxIdleSeconds': 30,"
                + " 'minWorkers': 1, 'maxWorkers': 4, 'arguments': {'topK': 20, 'strict': true},"
                + " 'options': {'intraOpNumThreads': '2'}}}, 'workflow': {'out': ['m', 'in']}}");
    assertEquals(
        new ModelSpec(
            "m",
            "2",
            "file:/a/m.zip",
            "PyTorch",
            "cpu",
            Map.of(
                "batch_size", "8",
                "max_batch_delay", "5",
                "job_queue_size", "50",
                "max_idle_time", "30",
                "minWorkers", "1",
                "maxWorkers", "4",
                "topK", "20",
                "strict", "true",
                "option.intraOpNumThreads", "2")),
        d.models().get("m"));
  }

  @Test
  void topLevelBatchSettingsApplyToModelsThatDoNotSetThem() {
    WorkflowDefinition d =
        Workflows.parse(
            "{'name': 'w', 'batchSize': 4, 'maxBatchDelayMillis': 7,"
                + " 'models': {'a': '/a', 'b': {'modelUrl': '/b', 'batchSize': 2}},"
                + " 'workflow': {'out': ['a', ['b', 'in']]}}");
    assertEquals(Map.of("batch_size", "4", "max_batch_delay", "7"), d.models().get("a").settings());
    assertEquals(Map.of("batch_size", "2", "max_batch_delay", "7"), d.models().get("b").settings());
  }

  @Test
  void fractionalBatchSizeIsAnError() {
    assertEquals(
        "Invalid workflow x.json: models.m.batchSize must be an integer, got: 1.7",
        message(
            "{'name': 'w', 'models': {'m': {'modelUrl': '/m', 'batchSize': 1.7}},"
                + " 'workflow': {'out': ['m', 'in']}}"));
  }

  @Test
  void batchSizeAsTextIsAnError() {
    assertEquals(
        "Invalid workflow x.json: models.m.batchSize must be an integer, got a string: \"4\"",
        message(
            "{'name': 'w', 'models': {'m': {'modelUrl': '/m', 'batchSize': '4'}},"
                + " 'workflow': {'out': ['m', 'in']}}"));
  }

  @Test
  void modelWithoutUrlIsAnError() {
    assertEquals(
        "Invalid workflow x.json: models.m.modelUrl is required: the model archive's URL or path",
        message(
            "{'name': 'w', 'models': {'m': {'engineName': 'PyTorch'}}, 'workflow': {'out': 'in'}}"));
  }

  @Test
  void unknownModelFieldIsAnError() {
    assertEquals(
        "Invalid workflow x.json: models.m.engine is not a model field; valid: modelUrl,"
            + " engineName, version, loadOnDevices, batchSize, maxBatchDelayMillis, queueSize,"
            + " maxIdleSeconds, minWorkers, maxWorkers, arguments, options",
        message(
            "{'name': 'w', 'models': {'m': {'modelUrl': '/m', 'engine': 'PyTorch'}},"
                + " 'workflow': {'out': 'in'}}"));
  }

  @Test
  void serverSettingAsTranslatorArgumentIsAnError() {
    String m =
        message(
            "{'name': 'w', 'models': {'m': {'modelUrl': '/m', 'arguments': {'batch_size': 4}}},"
                + " 'workflow': {'out': 'in'}}");
    assertEquals(
        "Invalid workflow x.json: models.m.arguments.batch_size is not a translator argument; give"
            + " server settings and engine options in their own fields (modelUrl, engineName,"
            + " version, loadOnDevices, batchSize, maxBatchDelayMillis, queueSize, maxIdleSeconds,"
            + " minWorkers, maxWorkers, arguments, options)",
        m);
  }

  @Test
  void nameThatIsBothModelAndFunctionIsAnError() {
    assertEquals(
        "Invalid workflow x.json: functions.m 'm' is already a model; give each name one meaning",
        message(
            "{'name': 'w', 'models': {'m': '/m'}, 'functions': {'m': 'x.F'},"
                + " 'workflow': {'out': 'in'}}"));
  }

  @Test
  void variableNamedLikeAModelIsAnError() {
    assertEquals(
        "Invalid workflow x.json: workflow.m 'm' is already a model; give each name one meaning",
        message("{'name': 'w', 'models': {'m': '/m'}, 'workflow': {'m': 'in', 'out': 'm'}}"));
  }

  @Test
  void inCannotBeRedefined() {
    assertEquals(
        "Invalid workflow x.json: workflow.in in is the request and cannot be redefined",
        message("{'name': 'w', 'workflow': {'in': 'out', 'out': 'in'}}"));
  }

  @Test
  void modelNamedOutIsAnError() {
    assertEquals(
        "Invalid workflow x.json: models.out 'out' is reserved for the request and the answer",
        message("{'name': 'w', 'models': {'out': '/m'}, 'workflow': {'out': 'in'}}"));
  }

  @Test
  void numericVersionIsKeptAsText() {
    assertEquals(
        "2", Workflows.parse("{'name': 'w', 'version': 2, 'workflow': {'out': 'in'}}").version());
  }

  @Test
  void versionIsOptional() {
    assertNull(Workflows.parse("{'name': 'w', 'workflow': {'out': 'in'}}").version());
  }

  @Test
  void functionClassMustBeAString() {
    assertEquals(
        "Invalid workflow x.json: functions.f must be a fully-qualified class name, got a number: 3",
        message("{'name': 'w', 'functions': {'f': 3}, 'workflow': {'out': 'in'}}"));
  }
}
