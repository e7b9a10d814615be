package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.runtime.LinrIndex;
import dev.linr.serving.config.LoadModels;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model management API of a real server that starts empty: archives built by {@code linr build}
 * are registered through {@code POST /models?url=file:...}, described, scaled and unregistered.
 * Each test uses its own model names.
 */
class ManagementApiTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static Path archive;
  private static String url;
  private static LinrIndex local;

  @BeforeAll
  static void start() throws IOException {
    archive = Archives.build(Files.createDirectories(dir.resolve("work")), "posts");
    url = archive.toUri().toString();
    local = LinrIndex.open(archive);
    server = TestServer.start(ServerConfig.builder().optLoadModels(LoadModels.NONE));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (local != null) {
      local.close();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> register(String name, String... params) {
    StringBuilder q = new StringBuilder("/models?url=").append(enc(url));
    if (name != null) {
      q.append("&model_name=").append(name);
    }
    for (String p : params) {
      q.append('&').append(p);
    }
    return server.post(q.toString());
  }

  private static JsonObject status(String message) {
    JsonObject o = new JsonObject();
    o.addProperty("status", message);
    return o;
  }

  private static JsonObject error(int code, String type, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("code", code);
    o.addProperty("type", type);
    o.addProperty("message", message);
    return o;
  }

  private static void assertJson(HttpResponse<String> r, int code, JsonObject body) {
    assertEquals(code, r.statusCode(), r::body);
    assertEquals(body, TestServer.json(r));
  }

  @Test
  void registeredArchiveAnswersByteIdenticallyToTheLocalIndex() {
    assertJson(register("reg"), 200, status("Model \"reg\" registered."));
    String body = Archives.query(3, 6);
    HttpResponse<String> r = server.postJson("/predictions/reg", body);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(local.searchJson(body), r.body());
  }

  @Test
  void nameDefaultsToTheArchiveFolderName() {
    assertJson(register(null), 200, status("Model \"posts\" registered."));
    assertEquals(200, server.postJson("/predictions/posts", Archives.query(1, 2)).statusCode());
  }

  @Test
  void registrationWithoutUrlIs400() {
    assertJson(
        server.post("/models?model_name=x"),
        400,
        error(400, "BadRequestException", "Parameter url is required."));
  }

  @Test
  void registrationOfAMissingArchiveIs400NamingIt() {
    HttpResponse<String> r =
        server.post(
            "/models?model_name=missing&url=" + enc(dir.resolve("nope").toUri().toString()));
    assertEquals(400, r.statusCode(), r::body);
    JsonObject e = TestServer.json(r).getAsJsonObject();
    assertEquals("BadRequestException", e.get("type").getAsString());
    assertTrue(e.get("message").getAsString().contains("nope"), e::toString);
  }

  @Test
  void duplicateRegistrationIs409() {
    assertEquals(200, register("dup").statusCode());
    assertJson(
        register("dup"), 409, error(409, "ConflictException", "Model dup is already registered."));
  }

  @Test
  void nonIntegerBatchSizeIs400() {
    assertJson(
        register("badbatch", "batch_size=1.5"),
        400,
        error(400, "BadRequestException", "Parameter batch_size must be an integer, got: 1.5"));
  }

  @Test
  void modelNameThatCannotBeAPathSegmentIs400() {
    assertJson(
        register("a%20b"),
        400,
        error(
            400,
            "BadRequestException",
            "Parameter model_name may contain only letters, digits, '_', '-' and '.', got: a b"));
  }

  @Test
  void nonBooleanSynchronousIs400() {
    assertJson(
        register("badsync", "synchronous=maybe"),
        400,
        error(
            400, "BadRequestException", "Parameter synchronous must be true or false, got: maybe"));
  }

  @Test
  void asynchronousRegistrationIs202AndTheModelServesOnceLoaded() throws InterruptedException {
    assertJson(
        register("later", "synchronous=false"),
        202,
        status("Model \"later\" registration scheduled."));
    // The load continues in the background; its completion is observable only by asking.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> r;
    do {
      r = server.get("/models/later");
      if (r.statusCode() == 200) {
        break;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertEquals(200, r.statusCode(), r::body);
    String body = Archives.query(2, 3);
    assertEquals(local.searchJson(body), server.postJson("/predictions/later", body).body());
  }

  @Test
  void describeIsAnArrayWithOneEntryPerVersion() {
    assertEquals(200, register("desc", "batch_size=4", "max_batch_delay=7").statusCode());
    HttpResponse<String> r = server.get("/models/desc");
    assertEquals(200, r.statusCode(), r::body);
    JsonArray a = TestServer.json(r).getAsJsonArray();
    assertEquals(1, a.size());
    JsonObject d = a.get(0).getAsJsonObject();
    assertEquals("desc", d.get("modelName").getAsString());
    assertEquals(url, d.get("modelUrl").getAsString());
    assertEquals(4, d.get("batchSize").getAsInt());
    assertEquals(7, d.get("maxBatchDelayMillis").getAsInt());
    assertEquals("Healthy", d.get("status").getAsString());
    assertEquals(Archives.ITEMS, d.get("items").getAsInt());
  }

  @Test
  void describeOfAnUnknownModelIs404() {
    assertJson(
        server.get("/models/nobody"),
        404,
        error(404, "ModelNotFoundException", "Model or workflow not found: nobody"));
  }

  @Test
  void versionsAreAddressedByPath() {
    assertEquals(200, register("ver", "model_version=1").statusCode());
    assertEquals(200, register("ver", "model_version=2").statusCode());
    String body = Archives.query(5, 2);
    assertEquals(local.searchJson(body), server.postJson("/predictions/ver/2", body).body());
    assertEquals(404, server.postJson("/predictions/ver/3", body).statusCode());
    List<String> versions = new ArrayList<>();
    for (var e : TestServer.json(server.get("/models/ver")).getAsJsonArray()) {
      versions.add(e.getAsJsonObject().get("version").getAsString());
    }
    assertEquals(List.of("1", "2"), versions);
    assertEquals(
        "2",
        TestServer.json(server.get("/models/ver/2"))
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject()
            .get("version")
            .getAsString());
  }

  @Test
  void unregisteringOneVersionKeepsTheOther() {
    assertEquals(200, register("two", "model_version=a").statusCode());
    assertEquals(200, register("two", "model_version=b").statusCode());
    assertJson(
        server.delete("/models/two/a"), 200, status("Model or workflow \"two\" unregistered"));
    JsonArray left = TestServer.json(server.get("/models/two")).getAsJsonArray();
    assertEquals(1, left.size());
    assertEquals("b", left.get(0).getAsJsonObject().get("version").getAsString());
  }

  @Test
  void scalingAnswersTheNewWorkerRange() {
    assertEquals(200, register("scl").statusCode());
    assertJson(
        server.put("/models/scl?min_worker=1&max_worker=2"),
        200,
        status(
            "Model \"scl\" worker scaled. New Worker configuration min workers:1 max workers:2"));
    JsonObject d =
        TestServer.json(server.get("/models/scl")).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals(1, d.get("minWorkers").getAsInt());
    assertEquals(2, d.get("maxWorkers").getAsInt());
  }

  @Test
  void scalingWithoutAWorkerCountIs400() {
    assertEquals(200, register("scl0").statusCode());
    assertJson(
        server.put("/models/scl0"),
        400,
        error(400, "BadRequestException", "Parameter min_worker or max_worker is required."));
  }

  @Test
  void scalingAnUnknownModelIs404() {
    assertJson(
        server.put("/models/ghost?max_worker=2"),
        404,
        error(404, "ModelNotFoundException", "Model or workflow not found: ghost"));
  }

  @Test
  void unregisteredModelNoLongerAnswers() {
    assertEquals(200, register("gone").statusCode());
    assertJson(
        server.delete("/models/gone"), 200, status("Model or workflow \"gone\" unregistered"));
    assertJson(
        server.postJson("/predictions/gone", Archives.query(1, 2)),
        404,
        error(404, "ModelNotFoundException", "Model or workflow not found: gone"));
  }

  @Test
  void unregisteringAnUnknownModelIs404() {
    assertJson(
        server.delete("/models/never"),
        404,
        error(404, "ModelNotFoundException", "Model or workflow not found: never"));
  }

  @Test
  void deleteOnTheModelListIs405() {
    assertEquals(405, server.delete("/models").statusCode());
  }
}
