package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.runtime.LinrIndex;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.ServiceUnavailableException;
import dev.linr.serving.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicBatchingTest {
  @TempDir static Path shared;

  static TestIndex posts;
  static LinrIndex direct;

  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelRegistry registry = new ModelRegistry(ModelSettings.DEFAULTS, metrics);

  @BeforeAll
  static void buildIndex() throws IOException {
    posts = TestIndex.build(shared, "posts", 150, 2);
    direct = LinrIndex.open(posts.folder);
  }

  @AfterAll
  static void closeIndex() {
    direct.close();
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  private ServedModel register(Map<String, String> settings) {
    return (ServedModel)
        registry.register(
            new ModelSpec("m", null, posts.folder.toString(), null, null, settings), false);
  }

  private static Output join(CompletableFuture<Output> f) throws Exception {
    return f.get();
  }

  private static Throwable failureOf(CompletableFuture<Output> f) {
    return assertThrows(ExecutionException.class, f::get).getCause();
  }

  @Test
  void jobsQueuedBehindABusyWorkerRunInFullBatchesWithSingleRequestAnswers() throws Exception {
    ServedModel m =
        register(Map.of("batch_size", "8", "max_batch_delay", "200", "maxWorkers", "1"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(11);
    List<String> bodies = new ArrayList<>();
    List<TestIndex.Answer> expected = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      float[] q = TestIndex.query(r);
      String geo = i % 3 == 0 ? TestIndex.GEOS[i % TestIndex.GEOS.length] : null;
      int k = 1 + i % 6;
      bodies.add(TestIndex.body(q, k, geo));
      expected.add(posts.bruteForce(q, k, geo));
    }
    List<CompletableFuture<Output>> futures = new ArrayList<>();
    futures.add(m.submit(TestIndex.input(bodies.get(0))));
    gate.awaitBatches(1);
    List<Thread> submitters = new ArrayList<>();
    CompletableFuture<?>[] slots = new CompletableFuture<?>[16];
    for (int i = 1; i < 16; i++) {
      int job = i;
      Thread t =
          new Thread(
              () -> slots[job] = m.submit(TestIndex.input(bodies.get(job))), "test-submitter-" + i);
      submitters.add(t);
      t.start();
    }
    for (Thread t : submitters) {
      t.join();
    }
    assertEquals(15, m.queueDepth());
    gate.open();
    for (int i = 1; i < 16; i++) {
      @SuppressWarnings("unchecked")
      CompletableFuture<Output> f = (CompletableFuture<Output>) slots[i];
      futures.add(f);
    }
    for (int i = 0; i < 16; i++) {
      String answer = TestIndex.text(join(futures.get(i)));
      assertEquals(expected.get(i), TestIndex.parse(answer), "job " + i);
      assertEquals(TestIndex.parse(direct.searchJson(bodies.get(i))), TestIndex.parse(answer));
    }
    // The held job alone, then 15 queued jobs drained as 8 + 7, one forward pass each.
    assertEquals(3, m.pool().batches());
    assertEquals(3, ((MergingBatchRunner<?, ?, ?>) m.runner()).passes());
    assertEquals(3, metrics.batches("m"));
    String rendered = metrics.render();
    assertTrue(rendered.contains("linr_batch_size_bucket{model=\"m\",le=\"1\"} 1\n"), rendered);
    assertTrue(rendered.contains("linr_batch_size_bucket{model=\"m\",le=\"4\"} 1\n"), rendered);
    assertTrue(rendered.contains("linr_batch_size_bucket{model=\"m\",le=\"8\"} 3\n"), rendered);
    assertTrue(rendered.contains("linr_batch_size_sum{model=\"m\"} 16\n"), rendered);
  }

  @Test
  void batchIsCountedBeforeItsJobsAreAnswered() throws Exception {
    ServedModel m = register(Map.of("batch_size", "1"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    CompletableFuture<Output> f =
        m.submit(TestIndex.input(TestIndex.body(TestIndex.query(new Random(13)), 3, null)));
    gate.awaitBatches(1);
    // Runs on the worker as the answer completes: what a client that has the answer can see.
    CompletableFuture<List<Long>> seen =
        f.thenApply(o -> List.of(m.pool().batches(), metrics.batches("m")));
    gate.open();
    assertEquals(List.of(1L, 1L), seen.get(60, TimeUnit.SECONDS));
  }

  @Test
  void malformedJobFailsAloneNamingTheField() throws Exception {
    ServedModel m =
        register(Map.of("batch_size", "8", "max_batch_delay", "200", "maxWorkers", "1"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(12);
    float[] q0 = TestIndex.query(r);
    float[] q1 = TestIndex.query(r);
    float[] q3 = TestIndex.query(r);
    CompletableFuture<Output> f0 = m.submit(TestIndex.input(TestIndex.body(q0, 4, null)));
    gate.awaitBatches(1);
    CompletableFuture<Output> f1 = m.submit(TestIndex.input(TestIndex.body(q1, 3, "us")));
    JsonObject bad = TestIndex.queryObject(q1, 3, null);
    bad.getAsJsonArray("vector").set(2, new com.google.gson.JsonPrimitive("x"));
    CompletableFuture<Output> f2 = m.submit(TestIndex.input(bad.toString()));
    CompletableFuture<Output> f3 = m.submit(TestIndex.input(TestIndex.body(q3, 5, "ca")));
    gate.open();
    assertEquals(posts.bruteForce(q0, 4, null), TestIndex.parse(TestIndex.text(join(f0))));
    assertEquals(posts.bruteForce(q1, 3, "us"), TestIndex.parse(TestIndex.text(join(f1))));
    assertEquals(posts.bruteForce(q3, 5, "ca"), TestIndex.parse(TestIndex.text(join(f3))));
    Throwable failure = failureOf(f2);
    assertInstanceOf(TranslateException.class, failure);
    assertEquals("vector[2] must be a number, got a string: \"x\"", failure.getMessage());
    assertEquals(2, m.pool().batches());
    assertEquals(2, ((MergingBatchRunner<?, ?, ?>) m.runner()).passes());
  }

  @Test
  void jobWithAnUnknownFilterAttributeFailsAloneWithTheSingleRequestMessage() throws Exception {
    ServedModel m =
        register(Map.of("batch_size", "8", "max_batch_delay", "200", "maxWorkers", "1"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(13);
    float[] q0 = TestIndex.query(r);
    float[] q1 = TestIndex.query(r);
    JsonObject bad = TestIndex.queryObject(TestIndex.query(r), 3, null);
    bad.addProperty("filter", "color = 'red'");
    String expectedMessage =
        assertThrows(IllegalArgumentException.class, () -> direct.searchJson(bad.toString()))
            .getMessage();
    CompletableFuture<Output> held = m.submit(TestIndex.input(TestIndex.body(q0, 2, null)));
    gate.awaitBatches(1);
    CompletableFuture<Output> f1 = m.submit(TestIndex.input(TestIndex.body(q1, 6, null)));
    CompletableFuture<Output> f2 = m.submit(TestIndex.input(bad.toString()));
    gate.open();
    assertEquals(posts.bruteForce(q0, 2, null), TestIndex.parse(TestIndex.text(join(held))));
    assertEquals(posts.bruteForce(q1, 6, null), TestIndex.parse(TestIndex.text(join(f1))));
    Throwable failure = failureOf(f2);
    assertInstanceOf(TranslateException.class, failure);
    assertEquals(expectedMessage, failure.getMessage());
    assertTrue(failure.getMessage().contains("color"), failure.getMessage());
    // The held job; the merged pass that failed; then each of its two jobs alone.
    assertEquals(4, ((MergingBatchRunner<?, ?, ?>) m.runner()).passes());
  }

  @Test
  void answerIsByteIdenticalToTheIndexsOwnServingAnswer() throws Exception {
    register(Map.of());
    Random r = new Random(14);
    JsonObject batch = new JsonObject();
    JsonArray queries = new JsonArray();
    queries.add(TestIndex.queryObject(TestIndex.query(r), 3, "de"));
    queries.add(TestIndex.queryObject(TestIndex.query(r), 7, null));
    batch.add("queries", queries);
    JsonObject withAttributes = TestIndex.queryObject(TestIndex.query(r), 4, null);
    JsonArray include = new JsonArray();
    include.add("attributes");
    withAttributes.add("include", include);
    for (String body :
        List.of(
            TestIndex.body(TestIndex.query(r), 5, null),
            TestIndex.body(TestIndex.query(r), 2, "us"),
            batch.toString(),
            withAttributes.toString())) {
      Output out = registry.invoke("m", null, TestIndex.input(body)).get();
      assertEquals(direct.searchJson(body), TestIndex.text(out), body);
      assertEquals("application/json", out.getProperty("Content-Type", null));
    }
  }

  @Test
  void fullQueueRefusesWithServiceUnavailable() throws Exception {
    ServedModel m = register(Map.of("job_queue_size", "2", "maxWorkers", "1"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    float[] q = TestIndex.query(new Random(15));
    String body = TestIndex.body(q, 3, null);
    CompletableFuture<Output> running = m.submit(TestIndex.input(body));
    gate.awaitBatches(1);
    CompletableFuture<Output> queued1 = m.submit(TestIndex.input(body));
    CompletableFuture<Output> queued2 = m.submit(TestIndex.input(body));
    ServiceUnavailableException e =
        assertThrows(ServiceUnavailableException.class, () -> m.submit(TestIndex.input(body)));
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("job queue is full"), e.getMessage());
    assertEquals(2, m.queueDepth());
    gate.open();
    TestIndex.Answer expected = posts.bruteForce(q, 3, null);
    for (CompletableFuture<Output> f : List.of(running, queued1, queued2)) {
      assertEquals(expected, TestIndex.parse(TestIndex.text(join(f))));
    }
  }

  @Test
  void unregisterFinishesQueuedJobsAndThenRefusesNewOnes() throws Exception {
    ServedModel m = register(Map.of());
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(16);
    List<float[]> qs = List.of(TestIndex.query(r), TestIndex.query(r), TestIndex.query(r));
    List<CompletableFuture<Output>> futures = new ArrayList<>();
    futures.add(m.submit(TestIndex.input(TestIndex.body(qs.get(0), 4, null))));
    gate.awaitBatches(1);
    futures.add(m.submit(TestIndex.input(TestIndex.body(qs.get(1), 4, null))));
    futures.add(m.submit(TestIndex.input(TestIndex.body(qs.get(2), 4, null))));
    Thread unregister = new Thread(() -> registry.unregister("m", null), "test-unregister");
    unregister.start();
    m.pool().awaitClosing();
    assertThrows(
        ServiceUnavailableException.class,
        () -> m.submit(TestIndex.input(TestIndex.body(qs.get(0), 4, null))));
    gate.open();
    unregister.join();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          posts.bruteForce(qs.get(i), 4, null),
          TestIndex.parse(TestIndex.text(join(futures.get(i)))));
    }
    assertEquals(3, m.pool().batches());
  }

  @Test
  void workerIsAddedWhenJobsWaitAndNoWorkerIsIdle() throws Exception {
    ServedModel m = register(Map.of("minWorkers", "1", "maxWorkers", "2"));
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    float[] q = TestIndex.query(new Random(17));
    CompletableFuture<Output> f0 = m.submit(TestIndex.input(TestIndex.body(q, 2, null)));
    gate.awaitBatches(1);
    CompletableFuture<Output> f1 = m.submit(TestIndex.input(TestIndex.body(q, 2, null)));
    gate.awaitBatches(1);
    JsonArray workers = m.describe().getAsJsonArray("workers");
    assertEquals(2, workers.size());
    assertEquals("BUSY", workers.get(0).getAsJsonObject().get("status").getAsString());
    assertEquals("BUSY", workers.get(1).getAsJsonObject().get("status").getAsString());
    gate.open();
    assertEquals(TestIndex.text(join(f0)), TestIndex.text(join(f1)));
  }

  @Test
  void withoutWorkerSettingsAModelRunsABatchPerCoreAtOnce() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    ServedModel m = register(Map.of());
    assertEquals(1, m.describe().get("minWorkers").getAsInt());
    assertEquals(cores, m.describe().get("maxWorkers").getAsInt());
    assumeTrue(cores >= 2, "one core: one worker, one batch at a time");
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(19);
    List<CompletableFuture<Output>> held = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < cores; i++) {
      bodies.add(TestIndex.body(TestIndex.query(r), 3, i % 2 == 0 ? null : "us"));
      held.add(m.submit(TestIndex.input(bodies.get(i))));
      // Each job starts a batch of its own while every earlier one is still held.
      gate.awaitBatches(1);
    }
    assertEquals(cores, m.describe().getAsJsonArray("workers").size());
    gate.open();
    for (int i = 0; i < cores; i++) {
      assertEquals(
          TestIndex.parse(direct.searchJson(bodies.get(i))),
          TestIndex.parse(TestIndex.text(join(held.get(i)))));
    }
  }

  @Test
  void scaleSetsTheWorkerRangeLive() {
    ServedModel m = register(Map.of());
    m.scale(2, 3);
    assertEquals(2, m.describe().getAsJsonArray("workers").size());
    assertEquals(2, m.describe().get("minWorkers").getAsInt());
    assertEquals(3, m.describe().get("maxWorkers").getAsInt());
    m.scale(0, 1);
    assertEquals(1, m.describe().getAsJsonArray("workers").size());
    BadRequestException e = assertThrows(BadRequestException.class, () -> m.scale(3, 2));
    assertEquals(
        "minWorkers (3) in the scaling request must not exceed maxWorkers (2)", e.getMessage());
  }

  @Test
  void workerThreadsAreNamedForTheirModel() throws Exception {
    ServedModel m = register(Map.of());
    String[] name = new String[1];
    m.pool().setBatchHook(() -> name[0] = Thread.currentThread().getName());
    m.submit(TestIndex.input(TestIndex.body(TestIndex.query(new Random(18)), 1, null))).get();
    assertEquals("linr-worker-m-1", name[0]);
  }
}
