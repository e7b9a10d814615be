package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.runtime.LinrIndex;
import dev.linr.serving.config.LoadModels;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow management API: a one-step workflow over an index archive is registered through
 * {@code POST /workflows?url=file:...}, listed, described, run through {@code /predictions} and
 * unregistered.
 */
class WorkflowApiTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static LinrIndex local;
  private static Path workflow;

  @BeforeAll
  static void start() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    local = LinrIndex.open(Archives.build(work, "posts"));
    workflow =
        Files.writeString(
            work.resolve("feed.json"),
            "{\"name\": \"feed\", \"version\": \"1\","
                + " \"models\": {\"retrieval\": \"{model_dir}/posts\"},"
                + " \"workflow\": {\"out\": [\"retrieval\", \"in\"]}}");
    server = TestServer.start(ServerConfig.builder().optLoadModels(LoadModels.NONE));
    assertStatus(register(""), 200, "Workflow \"feed\" registered.");
    assertStatus(register("&workflow_name=alt"), 200, "Workflow \"alt\" registered.");
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

  private static HttpResponse<String> register(String params) {
    return server.post(
        "/workflows?url="
            + URLEncoder.encode(workflow.toUri().toString(), StandardCharsets.UTF_8)
            + params);
  }

  private static void assertStatus(HttpResponse<String> r, int code, String message) {
    assertEquals(code, r.statusCode(), r::body);
    JsonObject o = new JsonObject();
    o.addProperty("status", message);
    assertEquals(o, TestServer.json(r));
  }

  @Test
  void workflowAnswersLikeItsIndex() {
    String body = Archives.query(2, 5);
    HttpResponse<String> r = server.postJson("/predictions/feed", body);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(local.searchJson(body), r.body());
  }

  @Test
  void givenNameOverridesTheFileName() {
    String body = Archives.query(3, 2);
    assertEquals(local.searchJson(body), server.postJson("/predictions/alt", body).body());
  }

  @Test
  void listNamesEveryWorkflowWithItsVersion() {
    HttpResponse<String> r = server.get("/workflows");
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(
        JsonParser.parseString(
            "{\"workflows\": [{\"workflowName\": \"alt\", \"version\": \"1\"},"
                + " {\"workflowName\": \"feed\", \"version\": \"1\"}]}"),
        TestServer.json(r));
  }

  @Test
  void listPagesLikeTheModelList() {
    assertEquals(
        JsonParser.parseString(
            "{\"nextPageToken\": \"1\", \"workflows\": [{\"workflowName\": \"alt\", \"version\": \"1\"}]}"),
        TestServer.json(server.get("/workflows?limit=1")));
  }

  @Test
  void describeIsAnArrayNamingTheWorkflowAndItsModels() {
    HttpResponse<String> r = server.get("/workflows/feed");
    assertEquals(200, r.statusCode(), r::body);
    JsonArray a = TestServer.json(r).getAsJsonArray();
    assertEquals(1, a.size());
    JsonObject d = a.get(0).getAsJsonObject();
    assertEquals("feed", d.get("workflowName").getAsString());
    assertEquals("1", d.get("version").getAsString());
    assertEquals(1, d.getAsJsonArray("models").size());
  }

  @Test
  void pingCountsWorkflowsHealthy() {
    HttpResponse<String> r = server.get("/ping");
    assertEquals(200, r.statusCode());
    assertEquals(
        JsonParser.parseString(
            "{\"alt\": {\"status\": \"Healthy\"}, \"feed\": {\"status\": \"Healthy\"}}"),
        TestServer.json(r));
  }

  @Test
  void duplicateWorkflowIs409() {
    HttpResponse<String> r = register("");
    assertEquals(409, r.statusCode(), r::body);
    assertEquals(
        "ConflictException", TestServer.json(r).getAsJsonObject().get("type").getAsString());
  }

  @Test
  void registrationWithoutUrlIs400() {
    HttpResponse<String> r = server.post("/workflows?workflow_name=x");
    assertEquals(400, r.statusCode());
    JsonObject e = new JsonObject();
    e.addProperty("code", 400);
    e.addProperty("type", "BadRequestException");
    e.addProperty("message", "Parameter url is required.");
    assertEquals(e, TestServer.json(r));
  }

  @Test
  void workflowWithoutOutIs400() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("work/bad.json"),
            "{\"name\": \"bad\", \"models\": {\"r\": \"{model_dir}/posts\"},"
                + " \"workflow\": {\"x\": [\"r\", \"in\"]}}");
    HttpResponse<String> r =
        server.post(
            "/workflows?url=" + URLEncoder.encode(bad.toUri().toString(), StandardCharsets.UTF_8));
    assertEquals(400, r.statusCode(), r::body);
    assertEquals(
        "BadRequestException", TestServer.json(r).getAsJsonObject().get("type").getAsString());
  }

  @Test
  void unregisteredWorkflowNoLongerAnswers() {
    assertStatus(register("&workflow_name=temp"), 200, "Workflow \"temp\" registered.");
    assertStatus(server.delete("/workflows/temp"), 200, "Model or workflow \"temp\" unregistered");
    assertEquals(404, server.postJson("/predictions/temp", Archives.query(1, 2)).statusCode());
  }

  @Test
  void unregisteringAnUnknownWorkflowIs404() {
    HttpResponse<String> r = server.delete("/workflows/never");
    assertEquals(404, r.statusCode());
    JsonObject e = new JsonObject();
    e.addProperty("code", 404);
    e.addProperty("type", "ModelNotFoundException");
    e.addProperty("message", "Model or workflow not found: never");
    assertEquals(e, TestServer.json(r));
  }

  @Test
  void scalingAWorkflowIs405() {
    assertEquals(405, server.put("/workflows/feed?max_worker=2").statusCode());
  }
}
