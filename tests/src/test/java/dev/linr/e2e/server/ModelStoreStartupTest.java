package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import dev.linr.runtime.LinrIndex;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model store with a good index, a tar.gz index and a corrupt archive: the server starts, {@code
 * /ping} answers 500 naming the broken model, and the others keep answering.
 */
class ModelStoreStartupTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static LinrIndex local;

  @BeforeAll
  static void start() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Path posts = Archives.build(work, "posts", "--tar-gz");
    local = LinrIndex.open(posts);
    Files.move(posts, store.resolve("posts"));
    Files.move(work.resolve("posts.tar.gz"), store.resolve("ads.tar.gz"));
    Path broken = Files.createDirectories(store.resolve("broken"));
    Files.writeString(broken.resolve("serving.properties"), "engine=PyTorch\n");
    Files.writeString(broken.resolve("broken.pt"), "not a TorchScript archive");
    Files.writeString(store.resolve("README.txt"), "not a model");
    server = TestServer.start(ServerConfig.builder().optModelStore(store));
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

  @Test
  void pingIs500AndNamesTheBrokenModel() {
    HttpResponse<String> r = server.get("/ping");
    assertEquals(500, r.statusCode(), r::body);
    JsonObject health = TestServer.json(r).getAsJsonObject();
    assertEquals("Healthy", health.getAsJsonObject("posts").get("status").getAsString());
    assertEquals("Healthy", health.getAsJsonObject("ads").get("status").getAsString());
    assertFalse(
        health.getAsJsonObject("broken").get("status").getAsString().equals("Healthy"),
        health::toString);
    assertEquals(3, health.size(), health::toString);
  }

  @Test
  void healthyModelsKeepAnswering() {
    String body = Archives.query(4, 3);
    assertEquals(local.searchJson(body), server.postJson("/predictions/posts", body).body());
    assertEquals(local.searchJson(body), server.postJson("/predictions/ads", body).body());
  }

  @Test
  void brokenModelIsNotServed() {
    assertEquals(404, server.postJson("/predictions/broken", Archives.query(4, 3)).statusCode());
  }
}
