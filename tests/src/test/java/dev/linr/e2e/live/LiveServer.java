package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import dev.linr.serving.LinrServer;
import dev.linr.serving.config.ServerConfig;
import dev.linr.serving.updates.UpdateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real server on a free port serving index archives, and a real HTTP client for its item update
 * and search routes. The client is thread-safe.
 */
final class LiveServer implements AutoCloseable {
  private final LinrServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final SearchResponseParser parser = new SearchResponseParser();

  private LiveServer(LinrServer server) {
    this.server = server;
  }

  static LiveServer start() throws IOException {
    return start(UpdateSettings.DEFAULTS);
  }

  /** A server on a free port whose index models keep their updates as {@code updates} says. */
  static LiveServer start(UpdateSettings updates) throws IOException {
    return new LiveServer(
        LinrServer.start(ServerConfig.builder().optPort(0).optUpdateSettings(updates).build()));
  }

  /** Registers the archive folder under {@code name}; fails the test if that fails. */
  void register(String name, Path archive) {
    HttpResponse<String> r =
        send(
            request(
                    "/models?model_name="
                        + name
                        + "&url="
                        + URLEncoder.encode(archive.toUri().toString(), StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, r.statusCode(), r::body);
  }

  /** The inference address, {@code http://host:port}. */
  String url() {
    return server.inferenceAddress().url();
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  HttpResponse<String> put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  /** POSTs a body with a content type (none when null). */
  HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder b = request(path);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** Searches the index {@code name} with a search body; fails the test unless it answers 200. */
  SearchResponse search(String name, String body) {
    HttpResponse<String> r = post("/predictions/" + name, "application/json", body);
    assertEquals(200, r.statusCode(), r::body);
    return parser.parse(r.body()).responses().get(0);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.inferenceAddress().url() + path))
        .timeout(Duration.ofSeconds(60));
  }

  static JsonElement json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body());
  }

  @Override
  public void close() {
    server.stop();
  }
}
