package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.index.IndexMetadata;
import dev.linr.live.DurableIndex;
import dev.linr.schema.IndexSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable server (a child JVM) reading a Kafka change stream from a real broker is killed with
 * SIGKILL mid-stream and started again on the same data folder: what it recovered is exactly the
 * reference after the records before its stored position, it resumes reading at that position (each
 * record after it applied once, none before it again), and it ends with exactly the reference state
 * and a stored position at the topic's end.
 */
class KafkaRestartTest {
  private static final String MODEL = "idx";
  private static final String PREFIX = "restart-";
  private static final String TOPIC = PREFIX + MODEL;
  private static final String SOURCE = TOPIC + "-0";
  private static final int RECORDS = 300;
  private static final long KILL_AT = 90;
  private static final long DEADLINE_NANOS = 90_000_000_000L;

  @TempDir static Path shared;
  private static KafkaBroker broker;
  private static Path archive;
  private static IndexSchema schema;

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start(shared.resolve("kafka"));
    archive = KafkaChanges.archive(shared);
    schema = IndexMetadata.read(archive).schema();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  /** A child server; returns it once it prints its address. */
  private Server startServer(Path data, String name) throws IOException {
    Path stderr = dir.resolve(name + ".err");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            KafkaServerMain.class.getName(),
            archive.toString(),
            data.toString(),
            MODEL,
            broker.bootstrapServers(),
            PREFIX,
            "3",
            "10");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.redirectError(stderr.toFile());
    Process process = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("url ")) {
        return new Server(process, line.substring(4));
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server exited: " + Files.readString(stderr));
  }

  private record Server(Process process, String url) {}

  private JsonObject ingest(Server server) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/indexes/" + MODEL))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), r::body);
    return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("ingest");
  }

  /** Polls the server's ingest status until {@code done}; fails after a bounded deadline. */
  private JsonObject awaitIngest(Server server, Predicate<JsonObject> done) throws Exception {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    JsonObject s = null;
    while (System.nanoTime() < deadline) {
      s = ingest(server);
      if (done.test(s)) {
        return s;
      }
      Thread.sleep(20); // the polling interval
    }
    fail("the server's ingest status never got there: " + s);
    return null;
  }

  private static long next(JsonObject ingest) {
    return KafkaIngestTest.nextOffsets(ingest).getOrDefault(0, -1L);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aServerKilledMidStreamResumesAtItsStoredPositionAndEndsAsTheReference() throws Exception {
    broker.createTopic(TOPIC, 1);
    List<KafkaChanges.Change> changes = KafkaChanges.stream(41, RECORDS, schema);
    broker.send(TOPIC, 0, changes.stream().map(KafkaChanges.Change::record).toList());
    long end = broker.endOffsets(TOPIC, 1).get(0);
    assertEquals(RECORDS, end);
    Path data = dir.resolve("data");
    Path folder = data.resolve(MODEL);

    Server first = startServer(data, "first");
    long seen;
    try {
      seen = next(awaitIngest(first, s -> next(s) >= KILL_AT));
    } finally {
      first.process().toHandle().destroyForcibly();
      first.process().waitFor();
    }
    if (seen >= end) {
      fail("the server read the whole topic before it was killed");
    }

    long stored;
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(folder).optClock(() -> DurableOps.T0).build()) {
      stored = index.positions().get(SOURCE);
      assertTrue(stored >= seen, "stored " + stored + " < applied " + seen + " before the kill");
      DurableOps.assertSameState(
          DurableOps.dump(KafkaChanges.after(schema, changes, (int) stored), schema),
          DurableOps.dump(index.live()),
          "recovered at position " + stored);
    }

    Server second = startServer(data, "second");
    JsonObject resumed;
    try {
      resumed = awaitIngest(second, s -> next(s) == end);
    } finally {
      second.process().destroy();
      second.process().waitFor();
    }
    JsonObject partition = resumed.getAsJsonArray("partitions").get(0).getAsJsonObject();
    assertEquals(stored, partition.get("startOffset").getAsLong(), resumed::toString);
    long after = end - stored;
    long refusedAfter = KafkaChanges.refused(changes.subList((int) stored, RECORDS));
    assertEquals(refusedAfter, resumed.get("refused").getAsLong(), resumed::toString);
    assertEquals(after - refusedAfter, resumed.get("applied").getAsLong(), resumed::toString);

    LiveReference reference = KafkaChanges.after(schema, changes, RECORDS);
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(folder).optClock(() -> DurableOps.T0).build()) {
      assertEquals(Map.of(SOURCE, end), index.positions());
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "after the restart");
      DurableOps.assertSameSearches(index.live(), reference, 41, 10, DurableOps.T0, "restarted");
    }
  }
}
