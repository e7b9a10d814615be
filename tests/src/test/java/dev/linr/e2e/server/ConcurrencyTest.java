package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.serving.config.ServerConfig;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 clients, each sending one query at a time (with and without filters, several k) for 30 seconds
 * to one index registered with dynamic batching ({@code batch_size} 16): every answer is the brute
 * force's exactly, no request fails, and {@code /server/metrics} shows requests batched together
 * and counts each request once, in one batch.
 *
 * <p>The load runs once, before the tests; each test asserts one property of its record.
 */
class ConcurrencyTest {
  private static final String MODEL = "idx";
  private static final int CLIENTS = 64;
  private static final Duration LOAD = Duration.ofSeconds(30);
  private static final int BATCH_SIZE = 16;
  private static final int MAX_BATCH_DELAY_MS = 5;
  private static final int QUERIES = 512;
  private static final int REPORTED = 5;

  @TempDir static Path dir;
  private static TestServer server;
  private static ExactQueries queries;
  private static final LongAdder SENT = new LongAdder();
  private static final LongAdder ERRORS = new LongAdder();
  private static final LongAdder MISMATCHES = new LongAdder();
  private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static PrometheusSamples metrics;

  @BeforeAll
  static void load() throws Exception {
    queries = ExactQueries.build(dir, QUERIES, 5150);
    server = TestServer.start(ServerConfig.builder());
    HttpResponse<String> registered =
        server.post(
            "/models?model_name="
                + MODEL
                + "&batch_size="
                + BATCH_SIZE
                + "&max_batch_delay="
                + MAX_BATCH_DELAY_MS
                + "&url="
                + URLEncoder.encode(queries.url(), StandardCharsets.UTF_8));
    assertEquals(200, registered.statusCode(), registered::body);

    ExecutorService io =
        Executors.newFixedThreadPool(4, new DefaultThreadFactory("concurrency-http", true));
    ExecutorService clients =
        Executors.newFixedThreadPool(CLIENTS, new DefaultThreadFactory("concurrency-client", true));
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .executor(io)
              .build();
      CountDownLatch ready = new CountDownLatch(CLIENTS);
      CountDownLatch go = new CountDownLatch(1);
      long[] deadline = new long[1];
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.execute(
            () -> {
              ready.countDown();
              try {
                go.await();
                run(http, client, deadline[0]);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      ready.await();
      deadline[0] = System.nanoTime() + LOAD.toNanos();
      go.countDown();
      clients.shutdown();
      assertTrue(clients.awaitTermination(LOAD.toSeconds() + 120, TimeUnit.SECONDS), "clients");
    } finally {
      clients.shutdownNow();
      io.shutdownNow();
    }
    long sent = SENT.sum();
    metrics =
        PrometheusSamples.await(
            () -> server.get("/server/metrics").body(),
            s -> s.sum(requests()) >= sent,
            sent + " requests to " + MODEL,
            Duration.ofSeconds(60));
  }

  /** One client: single queries, one after the other, until the deadline or a failure. */
  private static void run(HttpClient http, int client, long deadline) {
    for (int n = 0; System.nanoTime() - deadline < 0 && !FAILED.get(); n++) {
      // Client c walks the pool from c in steps of CLIENTS, so a batch mixes different queries.
      ExactQueries.Query q = queries.query(client + n * CLIENTS);
      HttpRequest request =
          server
              .request("/predictions/" + MODEL)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(q.body(), StandardCharsets.UTF_8))
              .build();
      String context = "client " + client + " request " + n;
      SENT.increment();
      HttpResponse<String> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        fail(ERRORS, context + ": " + e);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(ERRORS, context + ": interrupted");
        return;
      }
      if (r.statusCode() != 200) {
        fail(ERRORS, context + ": " + r.statusCode() + " " + r.body());
        return;
      }
      try {
        queries.assertAnswer(q, r.body(), context);
      } catch (AssertionError | RuntimeException e) {
        fail(MISMATCHES, e.getMessage());
        return;
      }
    }
  }

  /** Records a failure and stops every client: one is enough to fail the run. */
  private static void fail(LongAdder counter, String report) {
    counter.increment();
    FAILED.set(true);
    if (REPORTS.size() < REPORTED) {
      REPORTS.add(report);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String requests() {
    return "linr_requests_total{model=\"" + MODEL + "\",";
  }

  private static String batchSize(String suffix) {
    return "linr_batch_size_" + suffix + "{model=\"" + MODEL + "\"";
  }

  @Test
  void noRequestFails() {
    assertEquals(0, ERRORS.sum(), () -> "failed requests, first ones: " + REPORTS);
  }

  @Test
  void everyAnswerIsTheBruteForceAnswerExactly() {
    assertEquals(0, MISMATCHES.sum(), () -> "wrong answers, first ones: " + REPORTS);
  }

  @Test
  void loadSentAtLeastTenRequestsPerClient() {
    assertTrue(SENT.sum() >= 10L * CLIENTS, () -> "only " + SENT.sum() + " requests sent");
  }

  @Test
  void requestCounterEqualsTheRequestsSent() {
    assertEquals(
        Map.of(requests() + "code=\"200\"}", SENT.sum()), metrics.family(requests()), "requests");
  }

  @Test
  void concurrentRequestsShareBatches() {
    long batches = metrics.count(batchSize("count") + "}");
    long single = metrics.count(batchSize("bucket") + ",le=\"1\"}");
    assertTrue(batches - single > 0, () -> "no batch held more than one request: " + metrics);
  }

  @Test
  void everyRequestRanInExactlyOneBatch() {
    assertEquals(SENT.sum(), metrics.count(batchSize("sum") + "}"), "jobs in all batches");
  }

  @Test
  void noBatchExceedsTheBatchSize() {
    long batches = metrics.count(batchSize("count") + "}");
    assertTrue(batches > 0, "no batches counted");
    assertEquals(
        batches,
        metrics.count(batchSize("bucket") + ",le=\"" + BATCH_SIZE + "\"}"),
        "batches of at most " + BATCH_SIZE);
  }
}
