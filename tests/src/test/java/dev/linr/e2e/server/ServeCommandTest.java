package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.linr.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linr serve} as users run it: a separate JVM that prints its address, answers HTTP, and
 * stops gracefully on SIGTERM through its shutdown hook. The demo it serves without a model store
 * is {@link DemoServeTest}'s.
 */
class ServeCommandTest {
  @TempDir Path dir;

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAModelStoreAndStopsOnSigterm() throws Exception {
    Path store = Files.createDirectories(dir.resolve("store"));
    Archives.build(dir, "posts");
    Files.move(dir.resolve("posts"), store.resolve("posts"));
    ServeProcess s = ServeProcess.start(dir, "--model-store", store.toString(), "--port", "0");
    try {
      HttpResponse<String> ping =
          send(HttpRequest.newBuilder(URI.create(s.url() + "/ping")).build());
      assertEquals(200, ping.statusCode());
      assertEquals(
          JsonParser.parseString("{\"posts\": {\"status\": \"Healthy\"}}"),
          JsonParser.parseString(ping.body()));
      assertTrue(s.lines().contains("models and workflows: posts"), s.lines()::toString);
    } finally {
      s.stop();
    }
  }

  private static int runInProcess(String... args) {
    PrintStream err = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void portOutOfRangeIsAUserError() {
    assertEquals(2, runInProcess("serve", "--port", "70000"));
  }

  @Test
  void missingConfigFileIsAUserError() {
    assertEquals(2, runInProcess("serve", "--config", dir.resolve("nope.properties").toString()));
  }

  @Test
  void badConfigValueIsAUserError() throws IOException {
    Path config = Files.writeString(dir.resolve("config.properties"), "batch_size=1.7\n");
    assertEquals(2, runInProcess("serve", "--config", config.toString()));
  }
}
