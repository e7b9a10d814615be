package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.serving.metrics.ServerMetrics;
import org.junit.jupiter.api.Test;

class ModelCountersTest {
  @Test
  void readsOneModelsCountersFromTheServersMetrics() {
    ServerMetrics metrics = new ServerMetrics();
    metrics.requestFinished("posts", 200, 2_000_000);
    metrics.requestFinished("posts", 200, 6_000_000);
    metrics.batchRan("posts", 3, 4_000_000);
    metrics.batchRan("posts", 1, 2_000_000);
    metrics.batchRan("posts_b32", 32, 90_000_000);
    metrics.requestFinished("posts_b32", 200, 1_000_000);

    ModelCounters c = ModelCounters.read(metrics.render(), "posts");

    assertEquals(new ModelCounters(2, 0.008, 2, 4, 0.006), c);
    assertEquals(2.0, c.meanBatchSize());
    assertEquals(3.0, c.json().get("mean_batch_ms").getAsDouble(), 1e-9);
    assertEquals(4.0, c.json().get("server_mean_request_ms").getAsDouble(), 1e-9);
  }

  @Test
  void aModelWithoutMetricsReadsAsZeros() {
    ModelCounters c = ModelCounters.read(new ServerMetrics().render(), "posts");
    assertEquals(new ModelCounters(0, 0, 0, 0, 0), c);
    assertEquals(0.0, c.meanBatchSize());
  }

  @Test
  void sinceIsTheDifferenceOfTwoReadings() {
    ModelCounters before = new ModelCounters(3, 0.5, 2, 10, 0.25);
    ModelCounters after = new ModelCounters(7, 1.5, 5, 40, 1.25);
    assertEquals(new ModelCounters(4, 1.0, 3, 30, 1.0), after.since(before));
  }
}
