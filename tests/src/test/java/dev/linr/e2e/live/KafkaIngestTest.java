package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.index.IndexMetadata;
import dev.linr.schema.IndexSchema;
import dev.linr.serving.updates.KafkaSettings;
import dev.linr.serving.updates.UpdateSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers whose index models read a Kafka change stream from a real single-node KRaft broker:
 * records become searchable exactly as the plain-Java {@link LiveReference} says (upserts,
 * replacements, tombstones), bad records are refused one by one while the others apply, and two
 * replicas reading the same topic converge to the same hits.
 */
class KafkaIngestTest {
  private static final long DEADLINE_NANOS = 60_000_000_000L;

  @TempDir static Path shared;
  private static KafkaBroker broker;
  private static Path archive;
  private static IndexSchema schema;

  @TempDir Path dir;

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

  private static UpdateSettings inMemory(String prefix) {
    return new UpdateSettings(null, 0, 0)
        .withKafka(new KafkaSettings(broker.bootstrapServers(), prefix, 16));
  }

  private static JsonObject status(LiveServer server, String name) {
    HttpResponse<String> r = server.get("/indexes/" + name);
    assertEquals(200, r.statusCode(), r::body);
    return LiveServer.json(r).getAsJsonObject();
  }

  /** Polls the status until the consumer's next offsets equal {@code end}; returns its ingest. */
  static JsonObject awaitCaughtUp(LiveServer server, String name, Map<Integer, Long> end)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    JsonObject ingest = null;
    while (System.nanoTime() < deadline) {
      ingest = status(server, name).getAsJsonObject("ingest");
      if (nextOffsets(ingest).equals(end)) {
        return ingest;
      }
      Thread.sleep(20); // the polling interval
    }
    fail("index " + name + " did not reach offsets " + end + ": " + ingest);
    return null;
  }

  static Map<Integer, Long> nextOffsets(JsonObject ingest) {
    Map<Integer, Long> out = new TreeMap<>();
    for (JsonElement e : ingest.getAsJsonArray("partitions")) {
      JsonObject p = e.getAsJsonObject();
      out.put(p.get("partition").getAsInt(), p.get("nextOffset").getAsLong());
    }
    return out;
  }

  /** Sends each record to partition {@code id mod partitions}, by its key's last digit. */
  private static void send(String topic, int partitions, List<KafkaChanges.Change> changes)
      throws Exception {
    List<List<Map.Entry<String, String>>> byPartition = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      byPartition.add(new ArrayList<>());
    }
    for (KafkaChanges.Change c : changes) {
      int p = Character.digit(c.key().charAt(c.key().length() - 1), 10);
      byPartition.get(Math.max(p, 0) % partitions).add(c.record());
    }
    for (int p = 0; p < partitions; p++) {
      broker.send(topic, p, byPartition.get(p));
    }
  }

  @Test
  void recordsOfTheTopicAreSearchedExactlyAsTheReference() throws Exception {
    long seed = 31;
    String topic = "visible-idx";
    broker.createTopic(topic, 2);
    List<KafkaChanges.Change> changes = KafkaChanges.stream(seed, 260, schema);
    try (LiveServer server = LiveServer.start(inMemory("visible-"))) {
      server.register("idx", archive);
      send(topic, 2, changes);
      JsonObject ingest = awaitCaughtUp(server, "idx", broker.endOffsets(topic, 2));
      LiveReference reference = KafkaChanges.after(schema, changes, changes.size());
      KafkaChanges.assertSameSearches(server, "idx", reference, schema, seed);
      assertEquals(reference.size(), status(server, "idx").get("items").getAsLong());
      long refused = KafkaChanges.refused(changes);
      assertEquals(refused, ingest.get("refused").getAsLong(), ingest::toString);
      assertEquals(changes.size() - refused, ingest.get("applied").getAsLong(), ingest::toString);
      assertEquals("running", ingest.get("state").getAsString());
      assertEquals(topic, ingest.get("topic").getAsString());
    }
  }

  @Test
  void aBadRecordIsRefusedAloneWhileTheOthersApply() throws Exception {
    String topic = "bad-idx";
    broker.createTopic(topic, 1);
    LiveReference.Row a =
        new LiveReference.Row(
            9_001L, new float[] {1, 0, 0, 0, 0, 2}, Map.of(), OptionalLong.empty());
    LiveReference.Row b =
        new LiveReference.Row(
            9_002L, new float[] {0, 1, 0, 0, 3, 0}, Map.of(), OptionalLong.empty());
    List<Map.Entry<String, String>> records =
        List.of(
            Map.entry("9001", a.json()),
            Map.entry("9003", b.json()), // the value's id disagrees with the key
            Map.entry("9002", b.json()),
            Map.entry("9004", "{\"id\": 9004, \"vector\": [1, 2]}"), // wrong dimension
            new AbstractMap.SimpleEntry<>("x9", null), // not an integer id
            new AbstractMap.SimpleEntry<>("1", null)); // deletes corpus item 1
    try (LiveServer server = LiveServer.start(inMemory("bad-"))) {
      server.register("idx", archive);
      broker.send(topic, 0, records);
      JsonObject ingest = awaitCaughtUp(server, "idx", Map.of(0, 6L));
      assertEquals(3, ingest.get("refused").getAsLong(), ingest::toString);
      assertEquals(3, ingest.get("applied").getAsLong(), ingest::toString);
      assertTrue(
          ingest.get("lastError").getAsString().startsWith("record bad-idx-0@4 refused: "),
          ingest::toString);
      LiveReference reference = KafkaChanges.reference(schema);
      reference.upsert(List.of(a, b));
      reference.delete(1L);
      KafkaChanges.assertSameSearches(server, "idx", reference, schema, 5);
    }
  }

  @Test
  void replicasReadingTheSameTopicConvergeToTheSameHits() throws Exception {
    long seed = 32;
    String topic = "replica-idx";
    broker.createTopic(topic, 1);
    List<KafkaChanges.Change> changes = KafkaChanges.stream(seed, 240, schema);
    int half = changes.size() / 2;
    UpdateSettings durable =
        new UpdateSettings(dir.resolve("data"), 0, 0, 3)
            .withKafka(new KafkaSettings(broker.bootstrapServers(), "replica-", 7));
    try (LiveServer first = LiveServer.start(inMemory("replica-"))) {
      first.register("idx", archive);
      send(topic, 1, changes.subList(0, half));
      // The second replica (durable) starts while the first is mid-stream.
      try (LiveServer second = LiveServer.start(durable)) {
        second.register("idx", archive);
        send(topic, 1, changes.subList(half, changes.size()));
        Map<Integer, Long> end = broker.endOffsets(topic, 1);
        awaitCaughtUp(first, "idx", end);
        awaitCaughtUp(second, "idx", end);
        LiveReference reference = KafkaChanges.after(schema, changes, changes.size());
        KafkaChanges.assertSameSearches(first, "idx", reference, schema, seed);
        KafkaChanges.assertSameSearches(second, "idx", reference, schema, seed);
      }
    }
  }

  private static boolean consumerThreadAlive(String model) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("linr-ingest-" + model));
  }

  @Test
  void unregisteringTheModelStopsItsConsumerThread() throws Exception {
    broker.createTopic("stop-idx", 1);
    try (LiveServer server = LiveServer.start(inMemory("stop-"))) {
      server.register("idx", archive);
      assertTrue(consumerThreadAlive("idx"));
      HttpResponse<String> r = server.delete("/models/idx");
      assertEquals(200, r.statusCode(), r::body);
      // Unregistering returns once the model is closed, and closing joins the thread.
      assertFalse(consumerThreadAlive("idx"));
    }
  }

  @Test
  void aModelWaitsForItsTopicToExist() throws Exception {
    try (LiveServer server = LiveServer.start(inMemory("late-"))) {
      server.register("idx", archive);
      JsonObject ingest = status(server, "idx").getAsJsonObject("ingest");
      assertEquals("starting", ingest.get("state").getAsString(), ingest::toString);
      assertEquals(0, ingest.getAsJsonArray("partitions").size());
      broker.createTopic("late-idx", 1);
      LiveReference.Row row =
          new LiveReference.Row(
              9_100L, new float[] {2, 0, 0, 1, 0, 0}, Map.of(), OptionalLong.empty());
      broker.send("late-idx", 0, List.of(Map.entry("9100", row.json())));
      awaitCaughtUp(server, "idx", Map.of(0, 1L));
      LiveReference reference = KafkaChanges.reference(schema);
      reference.upsert(List.of(row));
      KafkaChanges.assertSameSearches(server, "idx", reference, schema, 7);
    }
  }
}
