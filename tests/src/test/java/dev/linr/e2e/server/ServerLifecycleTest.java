package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.runtime.LinrIndex;
import dev.linr.serving.config.LoadModels;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that are still running when the server stops or the client goes away. A model with
 * {@code batch_size=2} and a long {@code max_batch_delay} holds a lone request in its batch for
 * seconds, so the request is reliably in flight while the test acts.
 */
class ServerLifecycleTest {
  private static final String BATCH_HOLD = "batch_size=2&max_batch_delay=3000";

  @TempDir static Path dir;
  private static Path archive;
  private static LinrIndex local;
  private TestServer server;

  @BeforeAll
  static void build() throws IOException {
    archive = Archives.build(Files.createDirectories(dir.resolve("work")), "posts");
    local = LinrIndex.open(archive);
  }

  @AfterAll
  static void close() {
    if (local != null) {
      local.close();
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start(ServerConfig.builder().optLoadModels(LoadModels.NONE));
    HttpResponse<String> r =
        server.post(
            "/models?model_name=slow&"
                + BATCH_HOLD
                + "&url="
                + URLEncoder.encode(archive.toUri().toString(), StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), r::body);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Waits until the registration request of {@link #start()} is no longer counted: the server
   * counts a request until its answer is written, which the client may see first, so a test that
   * waits for its own request to be counted must start from none.
   */
  private void awaitNoRequestCounted() throws InterruptedException {
    await(() -> server.server.inFlightRequests() == 0);
  }

  /** Waits for a condition the server reaches on its own. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in 60 s");
      Thread.sleep(10);
    }
  }

  @Test
  void stopLetsARunningRequestFinish() throws Exception {
    String body = Archives.query(2, 4);
    awaitNoRequestCounted();
    CompletableFuture<HttpResponse<String>> pending =
        HttpClient.newHttpClient()
            .sendAsync(
                server
                    .request("/predictions/slow", "Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    await(() -> server.server.inFlightRequests() == 1);
    Thread stopper = new Thread(server.server::stop, "test-stopper");
    stopper.start();
    HttpResponse<String> r = pending.get(60, TimeUnit.SECONDS);
    stopper.join(TimeUnit.SECONDS.toMillis(60));
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(local.searchJson(body), r.body());
    UncheckedIOException refused =
        assertThrows(UncheckedIOException.class, () -> server.get("/ping"));
    assertTrue(refused.getCause() instanceof ConnectException, refused::toString);
  }

  @Test
  void clientThatDisconnectsMidRequestBreaksNothing() throws Exception {
    byte[] body = Archives.query(3, 4).getBytes(StandardCharsets.UTF_8);
    awaitNoRequestCounted();
    var address = server.server.inferenceAddress();
    try (Socket socket = new Socket(address.host(), address.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /predictions/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      await(() -> server.server.inFlightRequests() == 1);
    }
    // The job completes, its answer is dropped, and the request is no longer counted.
    await(() -> server.server.inFlightRequests() == 0);
    String next = Archives.query(1, 2);
    HttpResponse<String> r = server.postJson("/predictions/slow", next);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(local.searchJson(next), r.body());
  }

  @Test
  void stopIsIdempotent() {
    server.server.stop();
    server.server.stop();
    assertThrows(UncheckedIOException.class, () -> server.get("/ping"));
  }

  @Test
  void portZeroBindsARealPort() {
    assertTrue(server.server.inferenceAddress().port() > 0);
    assertEquals(server.server.inferenceAddress(), server.server.managementAddress());
  }
}
