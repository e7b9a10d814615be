package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import dev.linr.runtime.LinrIndex;
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
 * A model that is not served as a linr index: DJL loads it with the serving translator its archive
 * names, and batches run through the predictor.
 */
class PredictorModelTest {
  @TempDir static Path shared;

  static TestIndex posts;
  static Path archive;
  static LinrIndex direct;

  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelRegistry registry = new ModelRegistry(ModelSettings.DEFAULTS, metrics);

  @BeforeAll
  static void buildArchive() throws IOException {
    posts = TestIndex.build(shared, "posts", 90, 3);
    archive = posts.copyTo(shared.resolve("delegating"));
    TestIndex.setProperties(archive, "translator", DelegatingIndexTranslator.class.getName());
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

  @Test
  void batchOfJobsIsAnsweredPerJobWithTheBadOneFailingAlone() throws Exception {
    ServedModel m =
        (ServedModel)
            registry.register(
                new ModelSpec(
                    "d",
                    null,
                    archive.toString(),
                    null,
                    null,
                    Map.of("batch_size", "8", "max_batch_delay", "200", "maxWorkers", "1")),
                false);
    assertTrue(m.items().isEmpty());
    WorkerGate gate = new WorkerGate();
    m.pool().setBatchHook(gate);
    Random r = new Random(21);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(TestIndex.body(TestIndex.query(r), 2 + i, i == 2 ? "us" : null));
    }
    List<CompletableFuture<Output>> futures = new ArrayList<>();
    futures.add(m.submit(TestIndex.input(bodies.get(0))));
    gate.awaitBatches(1);
    for (int i = 1; i < 4; i++) {
      futures.add(m.submit(TestIndex.input(bodies.get(i))));
    }
    CompletableFuture<Output> bad = m.submit(TestIndex.input("{\"vector\": [1, 2], \"k\": 3}"));
    gate.open();
    for (int i = 0; i < 4; i++) {
      Output out = futures.get(i).get();
      assertEquals(direct.searchJson(bodies.get(i)), TestIndex.text(out));
      assertEquals("application/json", out.getProperty("Content-Type", null));
    }
    Throwable failure = assertThrows(ExecutionException.class, bad::get).getCause();
    assertInstanceOf(TranslateException.class, failure);
    assertTrue(
        failure.getMessage().contains("vector has 2 values, expected " + TestIndex.DIMENSION),
        failure.getMessage());
    assertEquals(2, m.pool().batches());
  }
}
