package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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

/** {@code GET /models} pages through five registered models, two at a time, as DJL Serving does. */
class ModelListTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static String url;

  @BeforeAll
  static void start() throws IOException {
    url = Archives.build(Files.createDirectories(dir.resolve("work")), "posts").toUri().toString();
    server = TestServer.start(ServerConfig.builder().optLoadModels(LoadModels.NONE));
    // Registered out of order: the list is sorted by name.
    for (String name : new String[] {"m3", "m1", "m5", "m2", "m4"}) {
      HttpResponse<String> r =
          server.post(
              "/models?model_name="
                  + name
                  + "&url="
                  + URLEncoder.encode(url, StandardCharsets.UTF_8));
      assertEquals(200, r.statusCode(), r::body);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject page(String nextPageToken, String... names) {
    JsonObject o = new JsonObject();
    if (nextPageToken != null) {
      o.addProperty("nextPageToken", nextPageToken);
    }
    JsonArray models = new JsonArray();
    for (String n : names) {
      JsonObject m = new JsonObject();
      m.addProperty("modelName", n);
      m.addProperty("modelUrl", url);
      m.addProperty("status", "Healthy");
      models.add(m);
    }
    o.add("models", models);
    return o;
  }

  private static JsonObject get(String query) {
    HttpResponse<String> r = server.get("/models" + query);
    assertEquals(200, r.statusCode(), r::body);
    return TestServer.json(r).getAsJsonObject();
  }

  @Test
  void firstPageHoldsTwoModelsAndTheNextToken() {
    assertEquals(page("2", "m1", "m2"), get("?limit=2"));
  }

  @Test
  void secondPageStartsAtTheToken() {
    assertEquals(page("4", "m3", "m4"), get("?limit=2&next_page_token=2"));
  }

  @Test
  void lastPageHasNoToken() {
    assertEquals(page(null, "m5"), get("?limit=2&next_page_token=4"));
  }

  @Test
  void defaultPageHoldsEverything() {
    assertEquals(page(null, "m1", "m2", "m3", "m4", "m5"), get(""));
  }

  @Test
  void nonIntegerLimitIs400() {
    HttpResponse<String> r = server.get("/models?limit=two");
    assertEquals(400, r.statusCode());
    JsonObject e = new JsonObject();
    e.addProperty("code", 400);
    e.addProperty("type", "BadRequestException");
    e.addProperty("message", "Parameter limit must be an integer, got: two");
    assertEquals(e, TestServer.json(r));
  }

  @Test
  void negativePageTokenIs400() {
    assertEquals(400, server.get("/models?next_page_token=-1").statusCode());
  }
}
