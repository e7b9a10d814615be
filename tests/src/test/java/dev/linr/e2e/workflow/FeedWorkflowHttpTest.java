package dev.linr.e2e.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.serving.LinrServer;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed workflow served over HTTP from a model store, as {@code POST /predictions/feed}: answers
 * and error statuses as a client sees them.
 */
class FeedWorkflowHttpTest {
  @TempDir static Path dir;
  static FeedStore store;
  static LinrServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    store = FeedStore.build(dir);
    server =
        LinrServer.start(
            ServerConfig.parse(
                Map.of(
                    "model_store", dir.toString(),
                    "load_models", "ALL",
                    "inference_address", "http://127.0.0.1:0",
                    "management_address", "http://127.0.0.1:0")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.inferenceAddress().url() + "/predictions/feed"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  @Test
  void feedAnswersTheRetrievedPostsRankedByTheMlp() throws Exception {
    float[] q = store.corpus().vector(new Random(21));
    HttpResponse<String> r = post(FeedRequests.body(q, 30, 8, "geo != 'ca'").toString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    FeedStore.assertRanked(
        store.ranker().rank(q, store.corpus().retrieve(q, 30, p -> !p.geo().equals("ca")), 8),
        json(r));
  }

  @Test
  void badWorkflowRequestIs400NamingTheField() throws Exception {
    float[] q = store.corpus().vector(new Random(22));
    HttpResponse<String> r = post(FeedRequests.body(q, 5, 9, null).toString());
    assertEquals(400, r.statusCode());
    JsonObject error = json(r);
    assertEquals(400, error.get("code").getAsInt());
    assertEquals("BadRequestException", error.get("type").getAsString());
    assertEquals(
        "k must be at least n (9): retrieval must find every hit the ranker answers, got: 5",
        error.get("message").getAsString());
  }

  @Test
  void batchRequestIs400() throws Exception {
    HttpResponse<String> r = post("{\"queries\": [{\"vector\": [1, 2]}]}");
    assertEquals(400, r.statusCode());
    assertEquals(
        "queries: a workflow answers one query per request; send {\"vector\": [...], \"n\": 10}"
            + " without queries",
        json(r).get("message").getAsString());
  }

  @Test
  void vectorTheIndexRefusesIs400FromTheIndexStep() throws Exception {
    HttpResponse<String> r = post("{\"vector\": [1, 2, 3], \"n\": 2}");
    assertEquals(400, r.statusCode(), r.body());
    JsonObject error = json(r);
    assertEquals(400, error.get("code").getAsInt());
    assertTrue(
        error.get("message").getAsString().startsWith("vector has 3 values, expected 8"),
        error.toString());
  }

  @Test
  void describeListsTheWorkflowsTwoModels() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.managementAddress().url() + "/workflows/feed"))
            .GET()
            .build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonArray versions = JsonParser.parseString(r.body()).getAsJsonArray();
    JsonObject feed = versions.get(0).getAsJsonObject();
    assertEquals("feed", feed.get("workflowName").getAsString());
    JsonArray models = feed.getAsJsonArray("models");
    assertEquals(2, models.size());
    assertEquals("retrieval", models.get(0).getAsJsonObject().get("modelName").getAsString());
    assertEquals("ranker", models.get(1).getAsJsonObject().get("modelName").getAsString());
  }
}
