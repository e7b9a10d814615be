package dev.linr.e2e.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.linr.serving.LinrServer;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real server on a free port and a real HTTP client that talks to it. */
final class TestServer implements AutoCloseable {
  final LinrServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private TestServer(LinrServer server) {
    this.server = server;
  }

  /** Starts a server with the configuration on port 0. */
  static TestServer start(ServerConfig.Builder config) throws IOException {
    return new TestServer(LinrServer.start(config.optPort(0).build()));
  }

  String base() {
    return server.inferenceAddress().url();
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  HttpResponse<String> put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** POSTs a JSON body. */
  HttpResponse<String> postJson(String path, String body, String... headers) {
    return post(path, "application/json", body, headers);
  }

  /** POSTs a body with a content type (none when null). */
  HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = request(path, headers);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
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

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(120));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  static JsonElement json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body());
  }

  @Override
  public void close() {
    server.stop();
  }
}
