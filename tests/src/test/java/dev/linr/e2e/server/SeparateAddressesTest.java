package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.linr.serving.LinrServer;
import dev.linr.serving.config.ServerAddress;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distinct inference and management addresses: each port serves only its own API. */
class SeparateAddressesTest {
  @TempDir static Path dir;
  private static LinrServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    Path store = Files.createDirectories(dir.resolve("store"));
    Archives.build(store, "posts");
    Files.delete(store.resolve("items.jsonl"));
    server =
        LinrServer.start(
            ServerConfig.builder()
                .optModelStore(store)
                .optInferenceAddress(new ServerAddress("127.0.0.1", 0))
                .optManagementAddress(new ServerAddress("localhost", 0))
                .build());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static int status(ServerAddress address, String method, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address.url() + path));
    b.method(
        method,
        method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString(Archives.query(1, 2))
            : HttpRequest.BodyPublishers.noBody());
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void addressesGetTheirOwnPorts() {
    assertNotEquals(server.inferenceAddress().port(), server.managementAddress().port());
  }

  @Test
  void inferencePortServesInference() throws Exception {
    assertEquals(200, status(server.inferenceAddress(), "GET", "/ping"));
    assertEquals(200, status(server.inferenceAddress(), "POST", "/predictions/posts"));
  }

  @Test
  void invocationsWithoutAModelNameUsesTheOnlyModel() throws Exception {
    assertEquals(200, status(server.inferenceAddress(), "POST", "/invocations"));
  }

  @Test
  void invocationsWithoutAModelNameAreCountedUnderTheOnlyModel() throws Exception {
    String requests = "linr_requests_total{";
    String posts = requests + "model=\"posts\",code=\"200\"}";
    String none = requests + "model=\"\",code=\"200\"}";
    // The earlier tests' requests may still be being counted: start from settled counts.
    PrometheusSamples before =
        PrometheusSamples.quiet(() -> server.metrics().render(), requests, Duration.ofMillis(50));
    assertEquals(200, status(server.inferenceAddress(), "POST", "/invocations"));
    PrometheusSamples after =
        PrometheusSamples.await(
            () -> server.metrics().render(),
            s -> s.count(posts) > before.count(posts),
            "the invocation counted",
            Duration.ofSeconds(30));
    assertEquals(before.count(posts) + 1, after.count(posts), () -> "" + after.family(requests));
    assertEquals(before.count(none), after.count(none), () -> "" + after.family(requests));
  }

  @Test
  void inferencePortHasNoManagementApi() throws Exception {
    assertEquals(404, status(server.inferenceAddress(), "GET", "/models"));
  }

  @Test
  void managementPortServesManagement() throws Exception {
    assertEquals(200, status(server.managementAddress(), "GET", "/models"));
    assertEquals(200, status(server.managementAddress(), "GET", "/server/metrics"));
  }

  @Test
  void managementPortHasNoInferenceApi() throws Exception {
    assertEquals(404, status(server.managementAddress(), "POST", "/predictions/posts"));
  }
}
