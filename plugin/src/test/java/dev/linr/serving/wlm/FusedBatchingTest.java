package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import dev.linr.runtime.LinrFused;
import dev.linr.serving.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic batching of a fused retrieval and ranking archive: queued jobs, each with its own k, n
 * and filter, share one forward pass and each gets the answer a single request gets.
 */
class FusedBatchingTest {
  @TempDir static Path shared;

  static TestFused fused;
  static LinrFused direct;

  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelRegistry registry = new ModelRegistry(ModelSettings.DEFAULTS, metrics);

  @BeforeAll
  static void buildFusedModel() throws IOException {
    fused = TestFused.build(TestIndex.build(shared, "posts", 150, 3), shared, "feed", 31);
    direct = LinrFused.open(fused.folder);
  }

  @AfterAll
  static void closeFusedModel() {
    direct.close();
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  /** A fused model whose single worker is held at the gate with one job while others queue. */
  private ServedModel registerHeld(WorkerGate gate) {
    ServedModel m =
        (ServedModel)
            registry.register(
                new ModelSpec(
                    "feed",
                    null,
                    fused.folder.toString(),
                    null,
                    null,
                    Map.of("batch_size", "8", "max_batch_delay", "200", "maxWorkers", "1")),
                false);
    m.pool().setBatchHook(gate);
    return m;
  }

  private static long passes(ServedModel m) {
    return ((MergingBatchRunner<?, ?, ?>) m.runner()).passes();
  }

  private static String text(CompletableFuture<Output> f) throws Exception {
    return TestIndex.text(f.get());
  }

  private static Throwable failureOf(CompletableFuture<Output> f) {
    return assertThrows(ExecutionException.class, f::get).getCause();
  }

  @Test
  void queuedJobsRunInOneForwardPassWithSingleRequestAnswers() throws Exception {
    WorkerGate gate = new WorkerGate();
    ServedModel m = registerHeld(gate);
    Random r = new Random(21);
    List<String> bodies = new ArrayList<>();
    List<List<TestFused.Ranked>> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      float[] q = TestIndex.query(r);
      String geo = i % 3 == 1 ? TestIndex.GEOS[i % TestIndex.GEOS.length] : null;
      int k = 3 + 4 * i;
      int n = 1 + i % 5;
      bodies.add(TestFused.body(q, k, n, geo));
      expected.add(fused.reference(q, k, n, geo));
    }
    List<CompletableFuture<Output>> futures = new ArrayList<>();
    futures.add(m.submit(TestIndex.input(bodies.get(0))));
    gate.awaitBatches(1);
    for (int i = 1; i < bodies.size(); i++) {
      futures.add(m.submit(TestIndex.input(bodies.get(i))));
    }
    assertEquals(8, m.queueDepth());
    gate.open();
    for (int i = 0; i < bodies.size(); i++) {
      Output out = futures.get(i).get();
      String answer = TestIndex.text(out);
      assertEquals(direct.rankJson(bodies.get(i)), answer, "job " + i);
      assertEquals(expected.get(i), TestFused.parse(answer), "job " + i);
      assertEquals("application/json", out.getProperty("Content-Type", null));
    }
    // The held job alone, then the 8 queued jobs in one forward pass.
    assertEquals(2, m.pool().batches());
    assertEquals(2, passes(m));
  }

  @Test
  void jobWithNAboveKFailsAloneWithTheSingleRequestMessage() throws Exception {
    WorkerGate gate = new WorkerGate();
    ServedModel m = registerHeld(gate);
    Random r = new Random(22);
    float[] q0 = TestIndex.query(r);
    float[] q1 = TestIndex.query(r);
    float[] q3 = TestIndex.query(r);
    String bad = TestFused.body(TestIndex.query(r), 3, 5, null);
    String expectedMessage =
        assertThrows(IllegalArgumentException.class, () -> direct.rankJson(bad)).getMessage();
    CompletableFuture<Output> f0 = m.submit(TestIndex.input(TestFused.body(q0, 10, 4, null)));
    gate.awaitBatches(1);
    CompletableFuture<Output> f1 = m.submit(TestIndex.input(TestFused.body(q1, 20, 3, "us")));
    CompletableFuture<Output> f2 = m.submit(TestIndex.input(bad));
    CompletableFuture<Output> f3 = m.submit(TestIndex.input(TestFused.body(q3, 6, 6, "ca")));
    gate.open();
    assertEquals(fused.reference(q0, 10, 4, null), TestFused.parse(text(f0)));
    assertEquals(fused.reference(q1, 20, 3, "us"), TestFused.parse(text(f1)));
    assertEquals(fused.reference(q3, 6, 6, "ca"), TestFused.parse(text(f3)));
    Throwable failure = failureOf(f2);
    assertInstanceOf(TranslateException.class, failure);
    assertEquals(expectedMessage, failure.getMessage());
    assertTrue(failure.getMessage().startsWith("k must be at least n (5)"), failure.getMessage());
    assertEquals(2, passes(m));
  }

  @Test
  void jobWithAnUnknownFilterAttributeFailsAloneWithTheSingleRequestMessage() throws Exception {
    WorkerGate gate = new WorkerGate();
    ServedModel m = registerHeld(gate);
    Random r = new Random(23);
    float[] q0 = TestIndex.query(r);
    float[] q1 = TestIndex.query(r);
    JsonObject bad = TestIndex.queryObject(TestIndex.query(r), 8, null);
    bad.addProperty("n", 3);
    bad.addProperty("filter", "color = 'red'");
    String expectedMessage =
        assertThrows(IllegalArgumentException.class, () -> direct.rankJson(bad.toString()))
            .getMessage();
    CompletableFuture<Output> held = m.submit(TestIndex.input(TestFused.body(q0, 5, 2, null)));
    gate.awaitBatches(1);
    CompletableFuture<Output> f1 = m.submit(TestIndex.input(TestFused.body(q1, 12, 7, "de")));
    CompletableFuture<Output> f2 = m.submit(TestIndex.input(bad.toString()));
    gate.open();
    assertEquals(fused.reference(q0, 5, 2, null), TestFused.parse(text(held)));
    assertEquals(fused.reference(q1, 12, 7, "de"), TestFused.parse(text(f1)));
    Throwable failure = failureOf(f2);
    assertInstanceOf(TranslateException.class, failure);
    assertEquals(expectedMessage, failure.getMessage());
    assertTrue(failure.getMessage().contains("color"), failure.getMessage());
    // The held job; the merged pass that failed; then each of its two jobs alone.
    assertEquals(4, passes(m));
  }

  @Test
  void registrationArgumentsOverrideTheArchivesTranslatorArguments() throws Exception {
    registry.register(
        new ModelSpec(
            "feed",
            null,
            fused.folder.toString(),
            null,
            null,
            Map.of("includeAttributes", "false")),
        false);
    String body = TestFused.body(TestIndex.query(new Random(24)), 9, 3, null);
    String answer = TestIndex.text(registry.invoke("feed", null, TestIndex.input(body)).get());
    assertTrue(direct.rankJson(body).contains("\"attributes\""));
    assertEquals(direct.rankJson(body).replaceAll(",\"attributes\":\\{[^}]*\\}", ""), answer);
  }
}
