package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexMetadata;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item update routes of a served index ({@code /indexes/{name}...}) over real HTTP: each
 * route's exact JSON, searches after updates equal to the plain-Java {@link LiveReference}, bad
 * items refused alone with their field, and the 400, 404 and 405 answers.
 */
class LiveRoutesTest {
  private static final String INDEX = "idx";
  private static final int DIM = 4;
  private static final int COUNT = 40;
  private static final int CAPACITY = 64;
  private static final float[][] QUERIES = {{1, -1, 2, 1}, {0, 3, -1, 2}, {-2, 0, 1, -3}};

  @TempDir Path dir;
  private TestCorpus corpus;
  private BuildResult built;
  private LiveReference reference;
  private LiveServer server;

  @BeforeEach
  void start() throws Exception {
    corpus = LiveIndexes.corpus(17, COUNT, DIM);
    built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    reference = new LiveReference(IndexMetadata.read(built.folder()).schema(), CAPACITY, corpus);
    server = LiveServer.start();
    server.register(INDEX, built.folder());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static LiveReference.Row row(long id, float[] vector) {
    return new LiveReference.Row(id, vector, Map.of("company", 1001L), OptionalLong.empty());
  }

  private static String array(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  private HttpResponse<String> upsert(String contentType, String body) {
    return server.post("/indexes/" + INDEX + "/items", contentType, body);
  }

  /** Every item of the index, by several queries, against the reference. */
  private void assertSearchesMatchReference() {
    for (float[] q : QUERIES) {
      BruteForce.Answer want = reference.search(q, CAPACITY, null, 0);
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

  private static JsonObject result(int index, Object id, String status) {
    JsonObject o = new JsonObject();
    o.addProperty("index", index);
    if (id instanceof Long l) {
      o.addProperty("id", l);
    } else if (id instanceof String s) {
      o.addProperty("id", s);
    } else {
      o.add("id", JsonNull.INSTANCE);
    }
    o.addProperty("status", status);
    return o;
  }

  private static JsonObject refused(int index, Object id, String field, String message) {
    JsonObject o = result(index, id, "error");
    if (field != null) {
      o.addProperty("field", field);
    }
    o.addProperty("message", message);
    return o;
  }

  private static JsonObject upserted(List<JsonObject> results, int upserted, int failed) {
    JsonArray a = new JsonArray();
    results.forEach(a::add);
    JsonObject o = new JsonObject();
    o.add("results", a);
    o.addProperty("upserted", upserted);
    o.addProperty("failed", failed);
    return o;
  }

  private JsonObject status(long items, long hwm) {
    JsonObject o = new JsonObject();
    o.addProperty("name", INDEX);
    o.add("version", JsonNull.INSTANCE);
    o.addProperty("items", items);
    o.addProperty("capacity", CAPACITY);
    o.addProperty("free", CAPACITY - items);
    o.addProperty("hwm", hwm);
    o.addProperty("growths", 0);
    o.add("logPosition", JsonNull.INSTANCE);
    o.add("lastSnapshot", JsonNull.INSTANCE);
    return o;
  }

  private static void assertJson(int code, JsonElement want, HttpResponse<String> r) {
    assertEquals(code, r.statusCode(), r::body);
    assertEquals(want, LiveServer.json(r), r::body);
  }

  private static void assertError(int code, String type, String message, HttpResponse<String> r) {
    JsonObject o = new JsonObject();
    o.addProperty("code", code);
    o.addProperty("type", type);
    o.addProperty("message", message);
    assertJson(code, o, r);
  }

  private long firstId() {
    return (Long) corpus.items.get(0).id();
  }

  @Test
  void statusOfALoadedIndexCountsItsItemsAndHasNoLog() {
    assertJson(200, status(COUNT, COUNT), server.get("/indexes/" + INDEX));
  }

  @Test
  void upsertedItemsAreSearchedExactlyAsTheReferenceSearches() {
    List<LiveReference.Row> rows =
        List.of(
            row(1001, new float[] {1, 2, 3, 4}),
            row(firstId(), new float[] {-3, 1, 0, 2}),
            row(1002, new float[] {2, -1, 1, 0}));
    List<String> items = rows.stream().map(LiveReference.Row::json).toList();

    assertJson(
        200,
        upserted(
            List.of(
                result(0, 1001L, "upserted"),
                result(1, firstId(), "upserted"),
                result(2, 1002L, "upserted")),
            3,
            0),
        upsert("application/json", array(items)));
    reference.upsert(rows);

    assertSearchesMatchReference();
    // Two new ids and a rewrite: three new slots, the rewritten id's old slot freed.
    assertJson(200, status(COUNT + 2, COUNT + 3), server.get("/indexes/" + INDEX));
  }

  @Test
  void jsonLinesBatchRefusesAMalformedLineAloneWhileTheRestApply() {
    LiveReference.Row a = row(2001, new float[] {1, 1, 1, 1});
    LiveReference.Row b = row(2002, new float[] {0, 2, 0, 2});
    String body = a.json() + "\n{\"id\": 2003, \"vector\": [1, 2,\n\n" + b.json() + "\n";

    HttpResponse<String> r = upsert("application/x-ndjson", body);

    assertEquals(200, r.statusCode(), r::body);
    JsonObject got = LiveServer.json(r).getAsJsonObject();
    JsonObject bad = got.getAsJsonArray("results").get(1).getAsJsonObject();
    assertEquals(JsonNull.INSTANCE, bad.get("id"), r.body());
    assertEquals("error", bad.get("status").getAsString(), r.body());
    assertTrue(bad.has("message"), r.body());
    assertJson(
        200,
        upserted(
            List.of(
                result(0, 2001L, "upserted"),
                refused(
                    1,
                    null,
                    bad.has("field") ? bad.get("field").getAsString() : null,
                    bad.get("message").getAsString()),
                result(2, 2002L, "upserted")),
            2,
            1),
        r);
    reference.upsert(List.of(a, b));
    assertSearchesMatchReference();
  }

  @Test
  void badItemsAreRefusedWithTheirFieldWhileTheRestApply() {
    LiveReference.Row a = row(3001, new float[] {3, 0, 0, 1});
    LiveReference.Row b = row(3002, new float[] {0, 0, 3, 1});
    List<String> items =
        List.of(
            a.json(),
            "{\"id\": 3003, \"vector\": [1, 2, 3]}",
            "{\"id\": 3004, \"vector\": [1, NaN, 3, 4]}",
            "{\"id\": 3005, \"vector\": [1, 2, 3, 4], \"attributes\": {\"company\": \"acme\"}}",
            b.json());

    HttpResponse<String> r = upsert(null, array(items));

    assertEquals(200, r.statusCode(), r::body);
    JsonArray results = LiveServer.json(r).getAsJsonObject().getAsJsonArray("results");
    String[][] wanted = {
      {"vector", "3 values"}, {"vector", "NaN"}, {"attributes.company", "company"}
    };
    List<JsonObject> expected = new ArrayList<>();
    expected.add(result(0, 3001L, "upserted"));
    for (int i = 0; i < wanted.length; i++) {
      String message = results.get(i + 1).getAsJsonObject().get("message").getAsString();
      assertTrue(message.contains(wanted[i][1]), message);
      expected.add(refused(i + 1, 3003L + i, wanted[i][0], message));
    }
    expected.add(result(4, 3002L, "upserted"));
    assertJson(200, upserted(expected, 2, 3), r);
    reference.upsert(List.of(a, b));
    assertSearchesMatchReference();
  }

  @Test
  void aBodyThatIsNotAJsonArrayIsRefusedWhole() {
    String item = row(4001, new float[] {1, 2, 3, 4}).json();
    String why =
        "the body must be a JSON array of items (or JSON Lines with Content-Type"
            + " application/x-ndjson), but ";
    assertError(
        400,
        "BadRequestException",
        why + "it does not start with '['",
        upsert("application/json", item));
    assertError(
        400, "BadRequestException", why + "it has no closing ']'", upsert(null, "[" + item));
    assertJson(200, status(COUNT, COUNT), server.get("/indexes/" + INDEX));
  }

  @Test
  void deletingAnItemByIdAnswersWhetherItWasThere() {
    String path = "/indexes/" + INDEX + "/items/" + firstId();
    JsonObject yes = new JsonObject();
    yes.addProperty("deleted", true);
    JsonObject no = new JsonObject();
    no.addProperty("deleted", false);

    assertJson(200, yes, server.delete(path));
    assertJson(200, no, server.delete(path));
    reference.delete(firstId());
    assertSearchesMatchReference();
    assertJson(200, status(COUNT - 1, COUNT), server.get("/indexes/" + INDEX));
  }

  @Test
  void anIndexOfStringIdsIsUpdatedAndDeletedByItsIds() throws Exception {
    TestCorpus named = new TestCorpus(DIM);
    for (int i = 0; i < COUNT; i++) {
      TestCorpus.TestItem item = corpus.items.get(i);
      named.add("doc-" + i, item.vector(), item.attributes());
    }
    Path namedDir = Files.createDirectories(dir.resolve("named"));
    Path folder =
        LiveIndexes.build(named, namedDir, Metric.DOT, StorageType.FLOAT32, CAPACITY).folder();
    reference = new LiveReference(IndexMetadata.read(folder).schema(), CAPACITY, named);
    server.register("named", folder);
    List<LiveReference.Row> rows =
        List.of(
            new LiveReference.Row(
                "doc-new",
                new float[] {2, 2, -1, 0},
                Map.of("company", 1001L),
                OptionalLong.empty()),
            new LiveReference.Row(
                "doc-0",
                new float[] {-1, 3, 0, 1},
                Map.of("company", 1002L),
                OptionalLong.empty()));

    assertJson(
        200,
        upserted(List.of(result(0, "doc-new", "upserted"), result(1, "doc-0", "upserted")), 2, 0),
        server.post(
            "/indexes/named/items",
            "application/x-ndjson",
            rows.get(0).json() + "\n" + rows.get(1).json()));
    JsonObject yes = new JsonObject();
    yes.addProperty("deleted", true);
    assertJson(200, yes, server.delete("/indexes/named/items/doc-1"));
    HttpResponse<String> many =
        server.post("/indexes/named/items/delete", null, "{\"ids\": [7, \"doc-2\"]}");
    JsonObject wrongType = result(0, 7L, "error");
    wrongType.addProperty(
        "message",
        LiveServer.json(many)
            .getAsJsonObject()
            .getAsJsonArray("results")
            .get(0)
            .getAsJsonObject()
            .get("message")
            .getAsString());
    assertTrue(wrongType.get("message").getAsString().startsWith("ids of this index are strings"));
    JsonArray results = new JsonArray();
    results.add(wrongType);
    results.add(result(1, "doc-2", "deleted"));
    JsonObject want = new JsonObject();
    want.add("results", results);
    want.addProperty("deleted", 1);
    want.addProperty("notFound", 0);
    want.addProperty("failed", 1);
    assertJson(200, want, many);

    reference.upsert(rows);
    reference.delete("doc-1");
    reference.delete("doc-2");
    for (float[] q : QUERIES) {
      HitAssertions.assertSameHits(
          null,
          q,
          reference.search(q, CAPACITY, null, 0),
          server.search("named", body(q, CAPACITY)),
          0,
          "query " + q[0]);
    }
  }

  @Test
  void deletingByAnIdThatIsNotAnIntegerIsRefused() {
    assertError(
        400,
        "BadRequestException",
        "id: the ids of index idx are integers, got: abc",
        server.delete("/indexes/" + INDEX + "/items/abc"));
  }

  @Test
  void deletingManyIdsAnswersPerId() {
    long second = (Long) corpus.items.get(1).id();
    String body = "{\"ids\": [" + firstId() + ", 99999, \"x\", " + firstId() + ", " + second + "]}";

    HttpResponse<String> r = server.post("/indexes/" + INDEX + "/items/delete", null, body);

    JsonArray results = new JsonArray();
    results.add(result(0, firstId(), "deleted"));
    JsonObject missing = result(1, 99999L, "not_found");
    missing.addProperty("message", "id 99999 is not in the index");
    results.add(missing);
    JsonObject wrongType = result(2, "x", "error");
    wrongType.addProperty("message", "ids of this index are integers, got: a string: \"x\"");
    results.add(wrongType);
    JsonObject again = result(3, firstId(), "not_found");
    again.addProperty("message", "id " + firstId() + " is not in the index");
    results.add(again);
    results.add(result(4, second, "deleted"));
    JsonObject want = new JsonObject();
    want.add("results", results);
    want.addProperty("deleted", 2);
    want.addProperty("notFound", 2);
    want.addProperty("failed", 1);
    assertJson(200, want, r);
    reference.delete(firstId());
    reference.delete(second);
    assertSearchesMatchReference();
  }

  @Test
  void aDeleteBodyWithoutIdsIsRefused() {
    assertError(
        400,
        "BadRequestException",
        "ids: the body must be {\"ids\": [...]}, got: an object",
        server.post("/indexes/" + INDEX + "/items/delete", "application/json", "{\"id\": 1}"));
  }

  @Test
  void anUnknownIndexIsNotFound() {
    assertError(
        404,
        "ModelNotFoundException",
        "Model or workflow not found: nope",
        server.get("/indexes/nope"));
    assertError(
        404,
        "ModelNotFoundException",
        "Model or workflow not found: nope",
        server.post("/indexes/nope/items", "application/json", "[]"));
  }

  @Test
  void aModelThatIsNotAnIndexTakesNoUpdates() throws Exception {
    RankerDefinition ranker =
        new RankerDefinition(
            DIM,
            RankerFeatures.of(false, false, List.of("quality")),
            RankerMlp.of(new int[] {1, 1}, List.of(new float[] {0.5f}), List.of(new float[] {0f})));
    Path fused =
        FusedModelBuilder.builder()
            .setIndex(built.folder())
            .setRanker(ranker)
            .setOutput(dir.resolve("fused"))
            .build()
            .run()
            .folder();
    server.register("ranked", fused);

    String message =
        "model ranked is not an index model (it is a ranker, a fused model or another model);"
            + " only index models take item updates";
    assertError(400, "BadRequestException", message, server.get("/indexes/ranked"));
    assertError(
        400,
        "BadRequestException",
        message,
        server.post("/indexes/ranked/items", "application/json", "[]"));
  }

  @Test
  void aWrongMethodIsNotAllowed() {
    String message = "Requested method is not allowed, please refer to API document.";
    assertError(405, "MethodNotAllowedException", message, server.put("/indexes/" + INDEX));
    assertError(405, "MethodNotAllowedException", message, server.get("/indexes/idx/items"));
  }

  @Test
  void updateRequestsEchoTheRequestIdAndAreCountedUnderTheIndex() {
    HttpResponse<String> r = server.get("/indexes/" + INDEX);
    assertTrue(r.headers().firstValue("x-request-id").isPresent(), r.headers().toString());
    String line = "linr_requests_total{model=\"idx\",code=\"200\"} 1";
    long deadline = System.nanoTime() + 10_000_000_000L;
    String metrics = "";
    while (System.nanoTime() < deadline && !metrics.contains(line)) {
      metrics = server.get("/server/metrics").body();
    }
    assertTrue(metrics.contains(line), metrics);
  }
}
