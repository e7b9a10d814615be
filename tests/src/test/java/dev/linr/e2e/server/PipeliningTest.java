package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dev.linr.serving.config.ServerConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 pipelining on a raw socket: requests written back to back on one keep-alive connection,
 * without waiting, are answered in request order, whichever finishes first on the server.
 */
class PipeliningTest {
  private static final String MODEL = "idx";
  private static final int BATCH = 64;

  @TempDir static Path dir;
  private static TestServer server;
  private static ExactQueries queries;

  @BeforeAll
  static void start() throws IOException {
    queries = ExactQueries.build(dir, BATCH + 1, 4242);
    server = TestServer.start(ServerConfig.builder());
    HttpResponse<String> registered =
        server.post(
            "/models?model_name="
                + MODEL
                + "&url="
                + URLEncoder.encode(queries.url(), StandardCharsets.UTF_8));
    assertEquals(200, registered.statusCode(), registered::body);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** One response read off the socket: status, headers by lower-case name, body. */
  private record RawResponse(int status, Map<String, String> headers, String body) {
    String requestId() {
      return headers.get("x-request-id");
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInRequestOrder() throws IOException {
    List<ExactQueries.Query> batch = queries.queries().subList(0, BATCH);
    ExactQueries.Query single = queries.query(BATCH);
    String requests =
        post("/predictions/" + MODEL, "pipe-1", ExactQueries.batchBody(batch))
            + "GET /ping HTTP/1.1\r\nHost: localhost\r\nx-request-id: pipe-2\r\n\r\n"
            + post("/predictions/" + MODEL, "pipe-3", single.body());
    List<RawResponse> responses = new ArrayList<>();
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(s.getInputStream());
      for (int i = 0; i < 3; i++) {
        responses.add(read(in));
      }
    }
    assertEquals(
        List.of("pipe-1:200", "pipe-2:200", "pipe-3:200"),
        responses.stream().map(r -> r.requestId() + ":" + r.status()).toList(),
        "request ids and statuses in the order received");
    queries.assertBatchAnswer(batch, responses.get(0).body(), "batch");
    assertEquals(
        JsonParser.parseString("{\"" + MODEL + "\": {\"status\": \"Healthy\"}}"),
        JsonParser.parseString(responses.get(1).body()));
    queries.assertAnswer(single, responses.get(2).body(), "single");
  }

  private static String post(String path, String requestId, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nx-request-id: "
        + requestId
        + "\r\nContent-Length: "
        + bytes.length
        + "\r\n\r\n"
        + body;
  }

  private static Socket connect() throws IOException {
    URI base = URI.create(server.base());
    Socket s = new Socket();
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    s.setSoTimeout(60_000);
    return s;
  }

  /** Reads one response with a {@code Content-Length} body. */
  private static RawResponse read(InputStream in) throws IOException {
    String statusLine = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.get("content-length"));
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
    }
    return new RawResponse(
        Integer.parseInt(statusLine.split(" ")[1]),
        headers,
        new String(body, StandardCharsets.UTF_8));
  }

  /** One CRLF-terminated line, without the CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed mid-line: " + line);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }
}
