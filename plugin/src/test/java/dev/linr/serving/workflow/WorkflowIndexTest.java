package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelSettings;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import dev.linr.serving.workflow.functions.RankInput;
import dev.linr.serving.workflow.functions.RetrievalQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflows over a real index archive, served by the real model registry. */
class WorkflowIndexTest {
  private static final String FUNCTIONS =
      "'functions': {'retrievalQuery': 'dev.linr.serving.workflow.functions.RetrievalQuery',"
          + " 'rankInput': 'dev.linr.serving.workflow.functions.RankInput'}";

  @TempDir static Path store;
  static SmallIndex posts;

  private final ModelRegistry models =
      new ModelRegistry(ModelSettings.DEFAULTS, new ServerMetrics());
  private final WorkflowRegistry workflows = new WorkflowRegistry(models);

  @BeforeAll
  static void buildIndex() throws IOException {
    posts = SmallIndex.build(store, "posts", 200, 7);
  }

  @AfterEach
  void close() {
    workflows.close();
    models.close();
  }

  private Workflow register(String fileName, String workflow) {
    Path file =
        Workflows.write(
            store,
            fileName,
            "{'name': 'feed', 'models': {'retrieval': '{model_dir}/posts'}, "
                + FUNCTIONS
                + ", 'workflow': "
                + workflow
                + "}");
    return workflows.register(file.toString(), null, false);
  }

  private static Input request(String json) {
    Input in = new Input();
    in.addProperty("Content-Type", "application/json");
    in.add("data", json);
    return in;
  }

  private static Input request(float[] vector, int k, int n, String filter) {
    JsonObject o = new JsonObject();
    o.add("vector", SmallIndex.json(vector));
    o.addProperty("k", k);
    o.addProperty("n", n);
    if (filter != null) {
      o.addProperty("filter", filter);
    }
    return request(o.toString());
  }

  /** The next step's input from a previous step's output, as the workflow passes it. */
  private static Input next(Output previous) {
    Input in = new Input();
    in.addProperty("Content-Type", previous.getProperty("Content-Type", null));
    in.add("data", previous.getData());
    return in;
  }

  private static List<Long> ids(JsonObject answer, String array) {
    List<Long> ids = new ArrayList<>();
    for (JsonElement h : answer.getAsJsonArray(array)) {
      ids.add(h.getAsJsonObject().get("id").getAsLong());
    }
    return ids;
  }

  private static JsonObject json(Output o) {
    return JsonParser.parseString(o.getData().getAsString()).getAsJsonObject();
  }

  @Test
  void retrievalStepAnswersLikeTheIndexCalledByHand() throws Exception {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    Input in = request(SmallIndex.vector(new Random(1)), 20, 5, "geo = 'us'");
    Output answer = w.run(in).get();

    try (ModelVersion index = models.load(ModelSpec.of(posts.folder.toString()))) {
      Output query = new RetrievalQuery().apply(List.of(in), null).get();
      Output byHand = index.submit(next(query)).get();
      assertEquals(byHand.getData().getAsString(), answer.getData().getAsString());
    }
  }

  @Test
  void retrievalStepFindsTheBruteForceTopK() throws Exception {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    float[] q = SmallIndex.vector(new Random(2));
    JsonObject answer = json(w.run(request(q, 15, 5, "geo = 'ca'")).get());
    assertEquals(posts.topIds(q, 15, "ca"), ids(answer, "hits"));
  }

  @Test
  void rankInputOverRetrievalEqualsTheFunctionsAndIndexAppliedByHand() throws Exception {
    Workflow w =
        register(
            "rank-input.json",
            "{'query': ['retrievalQuery', 'in'], 'candidates': ['retrieval', 'query'],"
                + " 'out': ['rankInput', 'in', 'candidates']}");
    float[] q = SmallIndex.vector(new Random(3));
    Input in = request(q, 12, 4, null);
    Output answer = w.run(in).get();

    try (ModelVersion index = models.load(ModelSpec.of(posts.folder.toString()))) {
      Output query = new RetrievalQuery().apply(List.of(in), null).get();
      Output candidates = index.submit(next(query)).get();
      Output byHand = new RankInput().apply(List.of(in, candidates), null).get();
      assertEquals(byHand.getData().getAsString(), answer.getData().getAsString());
    }
    JsonObject merged = json(answer);
    assertEquals(4, merged.get("n").getAsInt());
    assertEquals(posts.topIds(q, 12, null), ids(merged, "candidates"));
  }

  @Test
  void concurrentRunsEachGetTheirOwnAnswer() throws Exception {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    Random r = new Random(4);
    List<float[]> queries = new ArrayList<>();
    List<CompletableFuture<Output>> answers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      float[] q = SmallIndex.vector(r);
      queries.add(q);
      answers.add(w.run(request(q, 10, 3, null)));
    }
    for (int i = 0; i < queries.size(); i++) {
      assertEquals(posts.topIds(queries.get(i), 10, null), ids(json(answers.get(i).get()), "hits"));
    }
  }

  @Test
  void failingModelStepReachesTheCallerAsTheModelRaisedIt() throws Exception {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    Input in = request("{\"vector\": [1, 2], \"n\": 1}");
    ExecutionException viaWorkflow = assertThrows(ExecutionException.class, () -> w.run(in).get());

    try (ModelVersion index = models.load(ModelSpec.of(posts.folder.toString()))) {
      Output query = new RetrievalQuery().apply(List.of(in), null).get();
      ExecutionException direct =
          assertThrows(ExecutionException.class, () -> index.submit(next(query)).get());
      assertSame(direct.getCause().getClass(), viaWorkflow.getCause().getClass());
      assertEquals(direct.getCause().getMessage(), viaWorkflow.getCause().getMessage());
    }
  }

  @Test
  void badWorkflowRequestFailsWithTheFunctionsBadRequest() {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> w.run(request("{\"vector\": [1, 2, 3, 4, 5], \"k\": 3, \"n\": 4}")).get());
    BadRequestException cause = assertInstanceOf(BadRequestException.class, e.getCause());
    assertEquals(
        "k must be at least n (4): retrieval must find every hit the ranker answers, got: 3",
        cause.getMessage());
  }

  @Test
  void modelThatFailsToLoadFailsTheRegistrationWithTheLoadersMessage() {
    Path file =
        Workflows.write(
            store,
            "missing.json",
            "{'name': 'broken', 'models': {'retrieval': '{model_dir}/nowhere'},"
                + " 'workflow': {'out': ['retrieval', 'in']}}");
    String loaderMessage =
        assertThrows(
                BadRequestException.class,
                () -> models.load(ModelSpec.of(store.resolve("nowhere").toString())))
            .getMessage();
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> workflows.register(file.toString(), null, false));
    assertEquals(
        "Invalid workflow "
            + file
            + ": models.retrieval failed to load from "
            + store.resolve("nowhere")
            + ": "
            + loaderMessage,
        e.getMessage());
    assertTrue(!workflows.contains("broken"));
  }

  @Test
  void describeListsTheWorkflowsModels() {
    Workflow w = register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    JsonObject d = w.describe();
    assertEquals("feed", d.get("workflowName").getAsString());
    assertEquals(1, d.getAsJsonArray("models").size());
    JsonObject model = d.getAsJsonArray("models").get(0).getAsJsonObject();
    assertEquals("retrieval", model.get("modelName").getAsString());
    assertEquals(posts.folder.toString(), model.get("modelUrl").getAsString());
  }

  @Test
  void unregisteringAWorkflowClosesItsModels() {
    register("retrieve.json", "{'out': ['retrieval', ['retrievalQuery', 'in']]}");
    LoadedWorkflow w = (LoadedWorkflow) workflows.get("feed", null);
    ModelVersion retrieval = w.targets().model("retrieval");
    workflows.unregister("feed", null);
    assertThrows(
        Exception.class,
        () -> retrieval.submit(request(SmallIndex.vector(new Random(5)), 5, 1, null)).get());
  }
}
