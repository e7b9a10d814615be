package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.runtime.LinrIndex;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference API of a real server over a model store holding an index folder ({@code posts}) and
 * a zipped index ({@code jobs}), both built by {@code linr build}.
 */
class InferenceApiTest {
  private static final int MAX_REQUEST_SIZE = 16_384;

  @TempDir static Path dir;
  private static TestServer server;
  private static LinrIndex posts;
  private static DotBruteForce reference;

  @BeforeAll
  static void start() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.move(Archives.build(work, "posts"), store.resolve("posts"));
    Archives.build(work, "jobs", "--zip");
    Files.move(work.resolve("jobs.zip"), store.resolve("jobs.zip"));
    reference = new DotBruteForce(Archives.items(work));
    posts = LinrIndex.open(store.resolve("posts"));
    server =
        TestServer.start(
            ServerConfig.builder().optModelStore(store).optMaxRequestSize(MAX_REQUEST_SIZE));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (posts != null) {
      posts.close();
    }
  }

  private static JsonObject error(int code, String type, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("code", code);
    o.addProperty("type", type);
    o.addProperty("message", message);
    return o;
  }

  private static void assertError(HttpResponse<String> r, int code, String type, String message) {
    assertEquals(code, r.statusCode(), r::body);
    assertEquals(error(code, type, message), TestServer.json(r));
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
  }

  private static void assertStillServing() {
    HttpResponse<String> r = server.postJson("/predictions/posts", Archives.query(1, 3));
    assertEquals(200, r.statusCode(), r::body);
  }

  @Test
  void pingReportsEveryModelHealthy() {
    HttpResponse<String> r = server.get("/ping");
    assertEquals(200, r.statusCode());
    assertEquals(
        JsonParser.parseString(
            "{\"jobs\": {\"status\": \"Healthy\"}, \"posts\": {\"status\": \"Healthy\"}}"),
        TestServer.json(r));
  }

  @Test
  void predictionIsByteIdenticalToTheLocalIndex() {
    String body = Archives.query(2, 5);
    HttpResponse<String> r = server.postJson("/predictions/posts", body);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(posts.searchJson(body), r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
  }

  @Test
  void predictionHitsAreTheBruteForceTopK() {
    HttpResponse<String> r = server.postJson("/predictions/posts", Archives.query(3, 10));
    List<Long> ids = new ArrayList<>();
    for (JsonElement h : TestServer.json(r).getAsJsonObject().getAsJsonArray("hits")) {
      ids.add(h.getAsJsonObject().get("id").getAsLong());
    }
    assertEquals(reference.topIds(Archives.CORPUS.queryNear(3, 4), 10), ids);
  }

  @Test
  void zippedArchiveFromTheStoreAnswersLikeTheFolder() {
    String body = Archives.query(4, 5);
    assertEquals(posts.searchJson(body), server.postJson("/predictions/jobs", body).body());
  }

  @Test
  void batchRequestIsAnsweredInOrder() {
    String body = "{\"queries\": [" + Archives.query(1, 2) + ", " + Archives.query(5, 3) + "]}";
    HttpResponse<String> r = server.postJson("/predictions/posts", body);
    assertEquals(posts.searchJson(body), r.body());
  }

  @Test
  void invokeAliasAnswersLikePredictions() {
    String body = Archives.query(2, 4);
    assertEquals(posts.searchJson(body), server.postJson("/models/posts/invoke", body).body());
  }

  @Test
  void invocationsWithModelNameAnswersLikePredictions() {
    String body = Archives.query(2, 4);
    assertEquals(
        posts.searchJson(body), server.postJson("/invocations?model_name=posts", body).body());
  }

  @Test
  void invocationsWithoutModelNameAmongTwoModelsIs400() {
    assertError(
        server.postJson("/invocations", Archives.query(2, 4)),
        400,
        "BadRequestException",
        "Parameter model_name is required.");
  }

  @Test
  void unknownModelIs404() {
    assertError(
        server.postJson("/predictions/nope", Archives.query(2, 4)),
        404,
        "ModelNotFoundException",
        "Model or workflow not found: nope");
  }

  @Test
  void malformedJsonIs400AndTheServerKeepsServing() {
    HttpResponse<String> r = server.postJson("/predictions/posts", "{\"vector\": [1, 2,");
    assertEquals(400, r.statusCode());
    JsonObject e = TestServer.json(r).getAsJsonObject();
    assertEquals("TranslateException", e.get("type").getAsString());
    assertTrue(e.get("message").getAsString().contains("JSON"), e::toString);
    assertStillServing();
  }

  @Test
  void badFieldIs400NamingTheField() {
    JsonObject q = JsonParser.parseString(Archives.query(1, 3)).getAsJsonObject();
    q.addProperty("k", 0);
    HttpResponse<String> r = server.postJson("/predictions/posts", q.toString());
    assertEquals(400, r.statusCode());
    String message = TestServer.json(r).getAsJsonObject().get("message").getAsString();
    assertTrue(message.startsWith("k "), message);
  }

  @Test
  void wrongDimensionIs400NamingTheVector() {
    HttpResponse<String> r =
        server.postJson("/predictions/posts", "{\"vector\": [1, 2], \"k\": 3}");
    assertEquals(400, r.statusCode());
    String message = TestServer.json(r).getAsJsonObject().get("message").getAsString();
    assertTrue(message.contains("vector"), message);
  }

  @Test
  void csvContentTypeIs400() {
    assertError(
        server.post("/predictions/posts", "text/csv", "1,2,3"),
        400,
        "TranslateException",
        "Content-Type must be application/json, got: text/csv");
    assertStillServing();
  }

  @Test
  void jsonWithCharsetIsAccepted() {
    String body = Archives.query(1, 3);
    HttpResponse<String> r =
        server.post("/predictions/posts", "application/json; charset=utf-8", body);
    assertEquals(posts.searchJson(body), r.body());
  }

  @Test
  void oversizeBodyIs413AndTheServerKeepsServing() {
    String body = "{\"pad\": \"" + "x".repeat(MAX_REQUEST_SIZE) + "\"}";
    assertError(
        server.postJson("/predictions/posts", body),
        413,
        "PayloadTooLargeException",
        "Request body exceeds max_request_size of " + MAX_REQUEST_SIZE + " bytes.");
    assertStillServing();
  }

  @Test
  void clientRequestIdIsEchoedOnAnswers() {
    HttpResponse<String> r =
        server.postJson("/predictions/posts", Archives.query(1, 3), "X-Request-Id", "trace-42");
    assertEquals("trace-42", r.headers().firstValue("x-request-id").orElse(null));
  }

  @Test
  void clientRequestIdIsEchoedOnErrors() {
    HttpResponse<String> r =
        server.postJson("/predictions/nope", Archives.query(1, 3), "x-request-id", "trace-43");
    assertEquals("trace-43", r.headers().firstValue("x-request-id").orElse(null));
  }

  @Test
  void eachRequestWithoutAnIdGetsAFreshUuid() {
    String a = server.get("/ping").headers().firstValue("x-request-id").orElseThrow();
    String b = server.get("/ping").headers().firstValue("x-request-id").orElseThrow();
    assertEquals(a, UUID.fromString(a).toString());
    assertNotEquals(a, b);
  }

  @Test
  void getOnPredictionsIs405() {
    assertError(
        server.get("/predictions/posts"),
        405,
        "MethodNotAllowedException",
        "Requested method is not allowed, please refer to API document.");
  }

  @Test
  void unknownPathIs404() {
    assertError(
        server.get("/v1/whatever"),
        404,
        "ResourceNotFoundException",
        "Requested resource is not found, please refer to API document.");
  }

  @Test
  void metricsArePrometheusTextAndCountTheModel() {
    server.postJson("/predictions/posts", Archives.query(1, 3));
    HttpResponse<String> r = server.get("/server/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        r.headers().firstValue("content-type").orElse(null));
    assertTrue(r.body().contains("posts"), r.body());
  }

  @Test
  void formEncodedQueryIsRejectedAsNotJson() {
    assertError(
        server.post(
            "/predictions/posts", "application/x-www-form-urlencoded", Archives.query(1, 3)),
        400,
        "TranslateException",
        "Content-Type must be application/json, got: application/x-www-form-urlencoded");
  }

  @Test
  void queryParametersDoNotDisplaceTheBody() {
    String body = Archives.query(1, 3);
    assertEquals(
        posts.searchJson(body), server.postJson("/predictions/posts?trace=1", body).body());
  }

  @Test
  void unknownVersionIs404() {
    HttpResponse<String> r = server.postJson("/predictions/posts/9", Archives.query(1, 3));
    assertEquals(404, r.statusCode());
    assertEquals(
        "ModelNotFoundException", TestServer.json(r).getAsJsonObject().get("type").getAsString());
  }
}
