package dev.linr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's HTTP client to one server: JSON predictions for the load generator, and the
 * management calls that register and unregister what is measured. Blocking calls over HTTP/1.1 with
 * keep-alive (the JDK client pools connections, so each client thread of a {@link ClosedLoop} keeps
 * its own). Every call expects status 200 and throws otherwise, naming the request, the status and
 * the body. Thread-safe; {@link #close()} stops its I/O threads.
 */
final class HttpLoad implements AutoCloseable {
  /** The longest a single request may take before the run fails. */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  /**
   * The longest a synchronous registration may take: loading a large index, and for a durable one
   * writing its first snapshot, takes minutes.
   */
  static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(30);

  private final String base;
  private final ExecutorService io;
  private final HttpClient client;

  /**
   * @param base the server's inference address, {@code http://host:port}
   */
  HttpLoad(String base) {
    this.base = base;
    this.io = Executors.newCachedThreadPool(ClosedLoop.named("http-load-io-"));
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(io)
            .build();
  }

  String base() {
    return base;
  }

  /** POSTs a JSON body; the answer's body. */
  String postJson(String path, byte[] json) throws IOException, InterruptedException {
    return post(path, "application/json", json);
  }

  /** POSTs a body of the given content type; the answer's body. */
  String post(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        "POST " + path);
  }

  /**
   * Registers a model through the management API and waits until it is loaded ({@code
   * synchronous=true}), up to {@link #REGISTER_TIMEOUT}.
   *
   * @param settings further registration parameters (batch_size, max_batch_delay), in order
   */
  void register(String url, String name, Map<String, String> settings)
      throws IOException, InterruptedException {
    Map<String, String> register = new LinkedHashMap<>();
    register.put("url", url);
    register.put("model_name", name);
    register.putAll(settings);
    register.put("synchronous", "true");
    String path = query("/models", register);
    send(
        request(path).timeout(REGISTER_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()),
        "POST " + path);
  }

  /** POSTs without a body (management calls); the answer's body. */
  String post(String path) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()), "POST " + path);
  }

  String delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE(), "DELETE " + path);
  }

  String get(String path) throws IOException, InterruptedException {
    return send(request(path).GET(), "GET " + path);
  }

  /** The status of {@code GET path}, or -1 when the server does not accept connections yet. */
  int status(String path) throws InterruptedException {
    try {
      return client
          .send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** {@code path?k=v&...} with the values URL-encoded, in the map's order. */
  static String query(String path, Map<String, String> parameters) {
    StringJoiner q = new StringJoiner("&", path + "?", "");
    parameters.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return q.toString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
  }

  private String send(HttpRequest.Builder request, String what)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          what + " answered " + r.statusCode() + " instead of 200: " + abbreviate(r.body()));
    }
    return r.body();
  }

  static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "... (" + s.length() + " chars)";
  }

  @Override
  public void close() {
    io.shutdownNow();
  }
}
