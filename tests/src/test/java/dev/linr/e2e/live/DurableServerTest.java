package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexMetadata;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.serving.updates.UpdateSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose index models keep their item updates durable under a data folder ({@code
 * index_data_dir}): acknowledged updates survive a restart on the same folder (searches equal the
 * plain-Java {@link LiveReference}), the status reports the log position and periodic snapshots,
 * and the periodic expiry sweep frees expired items (durable and in memory).
 */
class DurableServerTest {
  private static final String INDEX = "idx";
  private static final int DIM = 4;
  private static final int COUNT = 30;
  private static final int CAPACITY = 64;
  private static final float[][] QUERIES = {{1, -1, 2, 1}, {0, 3, -1, 2}, {-2, 0, 1, -3}};
  private static final long DEADLINE_NANOS = 15_000_000_000L;

  @TempDir Path dir;
  private TestCorpus corpus;
  private BuildResult built;
  private LiveReference reference;
  private Path data;

  @BeforeEach
  void build() throws Exception {
    corpus = LiveIndexes.corpus(23, COUNT, DIM);
    built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    reference = new LiveReference(IndexMetadata.read(built.folder()).schema(), CAPACITY, corpus);
    data = dir.resolve("data");
  }

  private LiveServer start(int snapshotSeconds, int sweepSeconds, Path dataDir) throws Exception {
    LiveServer server =
        LiveServer.start(new UpdateSettings(dataDir, snapshotSeconds, sweepSeconds));
    server.register(INDEX, built.folder());
    return server;
  }

  private static LiveReference.Row row(long id, float[] vector, OptionalLong expiresAt) {
    return new LiveReference.Row(id, vector, Map.of("company", 1001L), expiresAt);
  }

  private static void upsert(LiveServer server, List<LiveReference.Row> rows) {
    String body =
        "[" + String.join(", ", rows.stream().map(LiveReference.Row::json).toList()) + "]";
    HttpResponse<String> r = server.post("/indexes/" + INDEX + "/items", "application/json", body);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(rows.size(), LiveServer.json(r).getAsJsonObject().get("upserted").getAsInt());
  }

  private static JsonObject status(LiveServer server) {
    HttpResponse<String> r = server.get("/indexes/" + INDEX);
    assertEquals(200, r.statusCode(), r::body);
    return LiveServer.json(r).getAsJsonObject();
  }

  /** Polls the status until it satisfies {@code done}; fails after a bounded deadline. */
  private static JsonObject awaitStatus(LiveServer server, Predicate<JsonObject> done)
      throws InterruptedException {
    long end = System.nanoTime() + DEADLINE_NANOS;
    JsonObject s = status(server);
    while (!done.test(s)) {
      assertTrue(System.nanoTime() < end, "status never reached the expected state: " + s);
      Thread.sleep(20);
      s = status(server);
    }
    return s;
  }

  private long id(int i) {
    return (Long) corpus.items.get(i).id();
  }

  private void assertSearchesMatchReference(LiveServer server, long now) {
    for (float[] q : QUERIES) {
      BruteForce.Answer want = reference.search(q, CAPACITY, null, now);
      HitAssertions.assertSameHits(
          null, q, want, server.search(INDEX, body(q, CAPACITY)), 0, "query " + q[0]);
    }
  }

  private static String body(float[] q, int k) {
    JsonObject o = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : q) {
      v.add(x);
    }
    o.add("vector", v);
    o.addProperty("k", k);
    return o.toString();
  }

  @Test
  void acknowledgedUpdatesSurviveARestartOnTheSameDataDir() throws Exception {
    try (LiveServer server = start(0, 0, data)) {
      List<LiveReference.Row> rows =
          List.of(
              row(1001, new float[] {1, 2, 3, 4}, OptionalLong.empty()),
              row(id(0), new float[] {-3, 1, 0, 2}, OptionalLong.empty()),
              row(1002, new float[] {2, -1, 1, 0}, OptionalLong.empty()));
      upsert(server, rows);
      reference.upsert(rows);
      assertEquals(200, server.delete("/indexes/" + INDEX + "/items/" + id(1)).statusCode());
      reference.delete(id(1));
      HttpResponse<String> r =
          server.post(
              "/indexes/" + INDEX + "/items/delete",
              "application/json",
              "{\"ids\": [" + id(2) + ", 1002]}");
      assertEquals(200, r.statusCode(), r::body);
      reference.delete(id(2));
      reference.delete(1002L);
      assertSearchesMatchReference(server, 0);
    }

    try (LiveServer server = start(0, 0, data)) {
      assertSearchesMatchReference(server, 0);
      assertEquals(reference.size(), status(server).get("items").getAsLong());
    }
  }

  @Test
  void updatesSurviveARestartFromAPeriodicSnapshotAndTheLogAfterIt() throws Exception {
    try (LiveServer server = start(1, 0, data)) {
      // New ids only before the snapshot, so its compacted slots equal the reference's.
      List<LiveReference.Row> before =
          List.of(
              row(1001, new float[] {1, 2, 3, 4}, OptionalLong.empty()),
              row(1002, new float[] {2, -1, 1, 0}, OptionalLong.empty()));
      upsert(server, before);
      reference.upsert(before);
      long position = status(server).get("logPosition").getAsLong();
      awaitStatus(server, s -> Files.isDirectory(snapshot(position)));

      List<LiveReference.Row> after =
          List.of(
              row(id(0), new float[] {-3, 1, 0, 2}, OptionalLong.empty()),
              row(1003, new float[] {0, 0, 1, 1}, OptionalLong.empty()));
      upsert(server, after);
      reference.upsert(after);
      assertEquals(200, server.delete("/indexes/" + INDEX + "/items/1001").statusCode());
      reference.delete(1001L);
    }

    try (LiveServer server = start(0, 0, data)) {
      assertSearchesMatchReference(server, 0);
      JsonObject s = status(server);
      assertEquals(reference.size(), s.get("items").getAsLong());
      assertTrue(!s.get("lastSnapshot").isJsonNull(), s.toString());
    }
  }

  @Test
  void logPositionAdvancesWithEachAcknowledgedBatch() throws Exception {
    try (LiveServer server = start(0, 0, data)) {
      long first = status(server).get("logPosition").getAsLong();
      upsert(server, List.of(row(1001, new float[] {1, 0, 0, 1}, OptionalLong.empty())));
      long second = status(server).get("logPosition").getAsLong();
      assertEquals(200, server.delete("/indexes/" + INDEX + "/items/1001").statusCode());
      long third = status(server).get("logPosition").getAsLong();

      assertEquals(first + 1, second);
      assertEquals(second + 1, third);
    }
  }

  @Test
  void periodicSnapshotCoversTheLoggedUpdates() throws Exception {
    try (LiveServer server = start(1, 0, data)) {
      upsert(server, List.of(row(1001, new float[] {1, 0, 0, 1}, OptionalLong.empty())));
      long position = status(server).get("logPosition").getAsLong();

      awaitStatus(server, s -> Files.isDirectory(snapshot(position)));

      assertTrue(!status(server).get("lastSnapshot").isJsonNull());
    }
  }

  @Test
  void aSnapshotFollowsEveryNUpdateBatches() throws Exception {
    try (LiveServer server = LiveServer.start(new UpdateSettings(data, 0, 0, 2))) {
      server.register(INDEX, built.folder());
      upsert(server, List.of(row(1001, new float[] {1, 0, 0, 1}, OptionalLong.empty())));
      long first = status(server).get("logPosition").getAsLong();
      assertEquals(200, server.delete("/indexes/" + INDEX + "/items/1001").statusCode());

      // The snapshot runs on a maintenance thread: it covers the log as it is when it starts, so
      // it is awaited before the next batch is logged.
      awaitStatus(server, s -> Files.isDirectory(snapshot(first + 1)));
      upsert(server, List.of(row(1002, new float[] {0, 1, 1, 0}, OptionalLong.empty())));
      long second = status(server).get("logPosition").getAsLong();

      assertEquals(first + 2, second);
    }
  }

  private Path snapshot(long sequence) {
    return data.resolve(INDEX).resolve("snapshots").resolve(String.format("%020d", sequence));
  }

  @Test
  void expirySweepFreesExpiredItemsOfADurableIndex() throws Exception {
    assertExpirySweepFreesExpiredItems(data);
  }

  @Test
  void expirySweepFreesExpiredItemsInMemory() throws Exception {
    assertExpirySweepFreesExpiredItems(null);
  }

  private void assertExpirySweepFreesExpiredItems(Path dataDir) throws Exception {
    try (LiveServer server = start(0, 1, dataDir)) {
      List<LiveReference.Row> rows =
          List.of(
              row(1001, new float[] {1, 2, 3, 4}, OptionalLong.of(1)),
              row(1002, new float[] {2, -1, 1, 0}, OptionalLong.of(1)),
              row(1003, new float[] {0, 1, 1, 0}, OptionalLong.empty()));
      upsert(server, rows);
      reference.upsert(rows);
      long now = System.currentTimeMillis() / 1000;

      awaitStatus(server, s -> s.get("items").getAsLong() == COUNT + 1);

      assertEquals(2, reference.expire(now));
      assertEquals(CAPACITY - COUNT - 1, status(server).get("free").getAsLong());
      assertSearchesMatchReference(server, now);
    }
  }
}
