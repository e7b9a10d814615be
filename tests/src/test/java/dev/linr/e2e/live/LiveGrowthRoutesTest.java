package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.serving.updates.UpdateSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A served index grows over HTTP: a batch larger than its free slots is answered in full, {@code
 * GET /indexes/{name}} reports the grown capacity and the growth, and searches equal {@link
 * LiveReference}; with {@code index_growth_factor} 1 the items beyond the capacity are refused.
 */
class LiveGrowthRoutesTest {
  private static final String INDEX = "tiny";
  private static final int DIM = 4;
  private static final int COUNT = 6;
  private static final int CAPACITY = 8;

  @TempDir Path dir;

  private static LiveReference.Row row(long id, Random r) {
    return new LiveReference.Row(
        id,
        LiveIndexes.integerVector(r, DIM),
        Map.of("rank", (long) r.nextInt(100)),
        OptionalLong.empty());
  }

  private TestCorpus corpus() {
    Random r = new Random(5);
    TestCorpus c = new TestCorpus(DIM);
    for (long id = 0; id < COUNT; id++) {
      LiveReference.Row row = row(id, r);
      c.add(id, row.vector(), row.attributes());
    }
    return c;
  }

  private static List<LiveReference.Row> rows(int count) {
    Random r = new Random(6);
    List<LiveReference.Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row(100 + i, r));
    }
    return rows;
  }

  private static String array(List<LiveReference.Row> rows) {
    JsonArray a = new JsonArray();
    rows.forEach(r -> a.add(com.google.gson.JsonParser.parseString(r.json())));
    return a.toString();
  }

  private static JsonObject status(long items, long capacity, long hwm, int growths) {
    JsonObject o = new JsonObject();
    o.addProperty("name", INDEX);
    o.add("version", JsonNull.INSTANCE);
    o.addProperty("items", items);
    o.addProperty("capacity", capacity);
    o.addProperty("free", capacity - items);
    o.addProperty("hwm", hwm);
    o.addProperty("growths", growths);
    o.add("logPosition", JsonNull.INSTANCE);
    o.add("lastSnapshot", JsonNull.INSTANCE);
    return o;
  }

  @Test
  void statusReportsTheGrownCapacityAfterABatchLargerThanTheFreeSlots() throws Exception {
    TestCorpus corpus = corpus();
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    try (LiveServer server = LiveServer.start()) {
      server.register(INDEX, built.folder());
      assertEquals(
          status(COUNT, CAPACITY, COUNT, 0), LiveServer.json(server.get("/indexes/" + INDEX)));
      // 5 items need 11 slots: the index grows to 16 (twice 8), which leaves more than 10% free.
      List<LiveReference.Row> rows = rows(5);
      HttpResponse<String> r =
          server.post("/indexes/" + INDEX + "/items", "application/json", array(rows));
      assertEquals(200, r.statusCode(), r.body());
      JsonObject answer = LiveServer.json(r).getAsJsonObject();
      assertEquals(5, answer.get("upserted").getAsInt(), r.body());
      assertEquals(0, answer.get("failed").getAsInt(), r.body());
      assertEquals(status(11, 16, 11, 1), LiveServer.json(server.get("/indexes/" + INDEX)));

      IndexSchema schema = dev.linr.index.IndexMetadata.read(built.folder()).schema();
      LiveReference reference = new LiveReference(schema, 16, corpus);
      reference.upsert(rows);
      float[] q = {1, -2, 3, 1};
      BruteForce.Answer want = reference.search(q, 100, null, 0);
      String body = "{\"vector\": [1, -2, 3, 1], \"k\": 100}";
      HitAssertions.assertSameHits(null, q, want, server.search(INDEX, body), 0, "grown");
    }
  }

  @Test
  void withGrowthOffTheItemsBeyondTheCapacityAreRefused() throws Exception {
    BuildResult built = LiveIndexes.build(corpus(), dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    try (LiveServer server = LiveServer.start(UpdateSettings.DEFAULTS.withGrowth(1, 0))) {
      server.register(INDEX, built.folder());
      HttpResponse<String> r =
          server.post("/indexes/" + INDEX + "/items", "application/json", array(rows(3)));
      assertEquals(200, r.statusCode(), r.body());
      JsonObject answer = LiveServer.json(r).getAsJsonObject();
      assertEquals(2, answer.get("upserted").getAsInt(), r.body());
      JsonObject refused = answer.getAsJsonArray("results").get(2).getAsJsonObject();
      assertEquals("id", refused.get("field").getAsString(), r.body());
      assertEquals(
          "index full: capacity 8; growth is off (growth factor 1): rebuild with more slack"
              + " (--slack or --capacity)",
          refused.get("message").getAsString());
      assertEquals(status(8, 8, 8, 0), LiveServer.json(server.get("/indexes/" + INDEX)));
    }
  }
}
