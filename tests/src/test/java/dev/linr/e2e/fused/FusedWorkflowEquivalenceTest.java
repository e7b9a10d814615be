package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Output;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.e2e.workflow.FeedRequests;
import dev.linr.query.RequestParseException;
import dev.linr.rank.RankerArchiveBuilder;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.runtime.LinrFused;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelSettings;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import dev.linr.serving.workflow.Workflow;
import dev.linr.serving.workflow.WorkflowRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused model answers byte for byte what the shipped feed workflow ({@code
 * conf/workflows/feed.json}: the index, then the ranker served by ONNX Runtime) answers for the
 * same request, both loaded by the server's model registry. Data and weights are dyadic, so the two
 * engines' sums agree exactly.
 */
class FusedWorkflowEquivalenceTest {
  private static final int DIMENSION = 8;
  private static final Path FEED = Path.of("..", "conf", "workflows", "feed.json");

  @TempDir static Path dir;
  private static ModelRegistry models;
  private static WorkflowRegistry workflows;
  private static Workflow feed;
  private static ModelVersion fused;

  @BeforeAll
  static void serve() throws Exception {
    FusedCorpus corpus = FusedCorpus.dyadic(91, 400, DIMENSION);
    Path index = corpus.build(dir, "posts", Metric.DOT, StorageType.FLOAT32).folder();
    RankerDefinition ranker =
        DyadicRankers.of(
            DIMENSION, RankerFeatures.of(true, true, List.of("quality")), new int[] {6, 3}, 92);
    RankerArchiveBuilder.builder()
        .setRanker(ranker)
        .setOutput(dir.resolve("ranker"))
        .optFormat(RankerFormat.ONNX)
        .build()
        .write();
    FusedArchives.fuse(index, ranker, dir.resolve("posts_ranked"));
    Files.copy(FEED, dir.resolve("feed.json"));
    models = new ModelRegistry(ModelSettings.DEFAULTS, new ServerMetrics());
    workflows = new WorkflowRegistry(models);
    feed = workflows.register(dir.resolve("feed.json").toString(), null, true);
    fused = models.load(ModelSpec.of(dir.resolve("posts_ranked").toString()));
  }

  @AfterAll
  static void close() throws Exception {
    if (fused != null) {
      fused.close();
    }
    if (workflows != null) {
      workflows.close();
    }
    if (models != null) {
      models.close();
    }
  }

  private static JsonObject body(long seed, Integer k, Integer n, String filter) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = r.nextInt(-8, 9) / 8f;
    }
    return FeedRequests.body(v, k, n, filter);
  }

  private static void assertSameAnswer(JsonObject body) throws Exception {
    String viaWorkflow = feed.run(FeedRequests.input(body)).get().getData().getAsString();
    Output viaFused = fused.submit(FeedRequests.input(body)).get();

    assertEquals("application/json", viaFused.getProperty("Content-Type", null));
    assertEquals(viaWorkflow, viaFused.getData().getAsString(), body.toString());
  }

  @Test
  void unfilteredRequestIsAnsweredAsTheWorkflowAnswersIt() throws Exception {
    assertSameAnswer(body(1, 40, 10, null));
  }

  @Test
  void defaultKAndNAreTheWorkflows() throws Exception {
    JsonObject body = body(2, null, null, null);
    assertSameAnswer(body);
    String answer = fused.submit(FeedRequests.input(body)).get().getData().getAsString();
    assertEquals(
        10, JsonParser.parseString(answer).getAsJsonObject().getAsJsonArray("hits").size());
  }

  @Test
  void filteredRequestsAreAnsweredAsTheWorkflowAnswersThem() throws Exception {
    assertSameAnswer(body(3, 30, 8, "geo IN ('us', 'in') AND level >= 2"));
    assertSameAnswer(body(4, 60, 60, "quality >= 0.75 AND geo = 'de'"));
    assertSameAnswer(body(5, 5, 5, "geo = 'nowhere'"));
  }

  @Test
  void kAboveMatchedRanksEveryMatchAsTheWorkflowDoes() throws Exception {
    JsonObject body = body(6, 300, 200, "level = 7 AND geo = 'ca'");
    assertSameAnswer(body);
    String answer = fused.submit(FeedRequests.input(body)).get().getData().getAsString();
    int hits = JsonParser.parseString(answer).getAsJsonObject().getAsJsonArray("hits").size();
    assertTrue(hits > 0 && hits < 200, hits + " hits");
  }

  @Test
  void badRequestNamesTheFieldWithTheWorkflowsMessage() throws Exception {
    JsonObject body = body(7, 5, 0, null);
    ExecutionException viaWorkflow =
        assertThrows(ExecutionException.class, () -> feed.run(FeedRequests.input(body)).get());
    String expected =
        assertInstanceOf(BadRequestException.class, viaWorkflow.getCause()).getMessage();

    try (LinrFused direct = LinrFused.open(dir.resolve("posts_ranked"))) {
      RequestParseException e =
          assertThrows(RequestParseException.class, () -> direct.rankJson(body.toString()));
      assertEquals("n", e.field());
      assertEquals(expected, e.getMessage());
    }
  }
}
