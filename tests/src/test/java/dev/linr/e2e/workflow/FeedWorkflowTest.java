package dev.linr.e2e.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelSettings;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import dev.linr.serving.workflow.Workflow;
import dev.linr.serving.workflow.WorkflowRegistry;
import dev.linr.serving.workflow.functions.RankInput;
import dev.linr.serving.workflow.functions.RetrievalQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped feed workflow ({@code conf/workflows/feed.json}) placed next to a real index archive
 * and the demo ranker (ONNX Runtime), run through the model and workflow registries: its answer is
 * the brute-force retrieval followed by the ranker's MLP applied in plain Java.
 */
class FeedWorkflowTest {
  @TempDir static Path dir;
  static FeedStore store;
  static FeedCorpus corpus;
  static PlainRanker ranker;
  static ModelRegistry models;
  static WorkflowRegistry workflows;
  static Workflow feed;

  @BeforeAll
  static void serve() throws IOException {
    store = FeedStore.build(dir);
    corpus = store.corpus();
    ranker = store.ranker();
    models = new ModelRegistry(ModelSettings.DEFAULTS, new ServerMetrics());
    workflows = new WorkflowRegistry(models);
    feed = workflows.register(store.workflow().toString(), null, true);
  }

  @AfterAll
  static void close() {
    workflows.close();
    models.close();
  }

  private static JsonObject run(JsonObject body) throws Exception {
    Output out = feed.run(FeedRequests.input(body)).get();
    assertEquals("application/json", out.getProperty("Content-Type", null));
    return JsonParser.parseString(out.getData().getAsString()).getAsJsonObject();
  }

  @Test
  void answerIsTheBruteForceRetrievalRankedByThePlainJavaMlp() throws Exception {
    float[] q = corpus.vector(new Random(1));
    JsonObject answer = run(FeedRequests.body(q, 40, 10, null));
    FeedStore.assertRanked(ranker.rank(q, corpus.retrieve(q, 40, p -> true), 10), answer);
  }

  @Test
  void filterRestrictsTheCandidatesBeforeRanking() throws Exception {
    float[] q = corpus.vector(new Random(2));
    JsonObject answer = run(FeedRequests.body(q, 30, 6, "geo = 'us'"));
    Predicate<FeedCorpus.Post> us = p -> p.geo().equals("us");
    FeedStore.assertRanked(ranker.rank(q, corpus.retrieve(q, 30, us), 6), answer);
  }

  @Test
  void kDefaultsTo100AndNTo10() throws Exception {
    float[] q = corpus.vector(new Random(3));
    JsonObject answer = run(FeedRequests.body(q, null, null, null));
    FeedStore.assertRanked(ranker.rank(q, corpus.retrieve(q, 100, p -> true), 10), answer);
  }

  @Test
  void fewerMatchesThanNRanksEveryMatch() throws Exception {
    float[] q = corpus.vector(new Random(4));
    String filter = "quality >= 1.0 AND geo = 'de'";
    Predicate<FeedCorpus.Post> rare = p -> p.quality() >= 1.0 && p.geo().equals("de");
    int matches = (int) corpus.posts.stream().filter(rare).count();
    assertTrue(matches > 0 && matches < 50, "the filter matches " + matches + " posts");
    JsonObject answer = run(FeedRequests.body(q, 50, 50, filter));
    FeedStore.assertRanked(ranker.rank(q, corpus.retrieve(q, 50, rare), 50), answer);
  }

  @Test
  void answerEqualsTheIndexAndRankerCalledByHand() throws Exception {
    float[] q = corpus.vector(new Random(5));
    Input in = FeedRequests.input(FeedRequests.body(q, 25, 7, "geo IN ('ca', 'de')"));
    String viaWorkflow = feed.run(in).get().getData().getAsString();

    try (ModelVersion index = models.load(ModelSpec.of(dir.resolve("posts").toString()));
        ModelVersion rankerModel =
            models.load(
                new ModelSpec(
                    null, null, dir.resolve("ranker").toString(), "OnnxRuntime", null, Map.of()))) {
      Output query = new RetrievalQuery().apply(List.of(in), null).get();
      Output candidates = index.submit(next(query)).get();
      Output rankRequest = new RankInput().apply(List.of(in, candidates), null).get();
      Output byHand = rankerModel.submit(next(rankRequest)).get();
      assertEquals(byHand.getData().getAsString(), viaWorkflow);
    }
  }

  @Test
  void badWorkflowRequestFailsWithTheFieldNamed() {
    float[] q = corpus.vector(new Random(6));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> feed.run(FeedRequests.input(FeedRequests.body(q, 5, 0, null))).get());
    assertEquals(
        "n must be at least 1, got: 0",
        assertInstanceOf(BadRequestException.class, e.getCause()).getMessage());
  }

  /** The next step's input, as the workflow makes it: the data and its Content-Type. */
  private static Input next(Output previous) {
    Input in = new Input();
    in.addProperty("Content-Type", previous.getProperty("Content-Type", null));
    in.add("data", previous.getData());
    return in;
  }
}
