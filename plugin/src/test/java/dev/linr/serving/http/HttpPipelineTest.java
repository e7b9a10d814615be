package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP pipeline of one connection, on Netty's in-memory channel, bytes in and bytes out. */
class HttpPipelineTest {
  private static final int MAX_REQUEST_SIZE = 10;

  private final List<String> log = new ArrayList<>();
  private final InFlight inFlight = new InFlight();

  /** The answer of {@code GET /slow}, completed by the test. */
  private final CompletableFuture<HttpReply> slow = new CompletableFuture<>();

  private final Router router =
      new Router()
          .add(HttpMethod.GET, "/slow", r -> slow)
          .addInference(
              HttpMethod.POST,
              "/predictions/{name}",
              r -> CompletableFuture.completedFuture(HttpReply.text(200, "text/plain", "ok")))
          .add(
              HttpMethod.GET,
              "/ping",
              r -> CompletableFuture.completedFuture(HttpReply.text(200, "text/plain", "pong")))
          .add(
              HttpMethod.POST,
              "/echo",
              r ->
                  CompletableFuture.completedFuture(
                      HttpReply.text(
                          200, "text/plain", r.http().content().toString(StandardCharsets.UTF_8))))
          .add(
              HttpMethod.GET,
              "/boom",
              r -> {
                throw new IllegalStateException("internal detail");
              });
  private final EmbeddedChannel server = new EmbeddedChannel();
  private final EmbeddedChannel client =
      new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));

  HttpPipelineTest() {
    HttpChannelInitializer.configure(
        server.pipeline(),
        router,
        MAX_REQUEST_SIZE,
        inFlight,
        (model, status, nanos) -> log.add(model + ":" + status));
  }

  @AfterEach
  void close() {
    server.finishAndReleaseAll();
    client.finishAndReleaseAll();
  }

  /** Sends raw request bytes and returns every response the server wrote. */
  private List<FullHttpResponse> send(String raw) {
    server.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    return written();
  }

  /** Every response the server wrote since the last look. */
  private List<FullHttpResponse> written() {
    server.runPendingTasks();
    ByteBuf out;
    while ((out = server.readOutbound()) != null) {
      client.writeInbound(out);
    }
    List<FullHttpResponse> responses = new ArrayList<>();
    FullHttpResponse r;
    while ((r = client.readInbound()) != null) {
      responses.add(r);
    }
    return responses;
  }

  private static JsonObject json(FullHttpResponse r) {
    return JsonParser.parseString(r.content().toString(StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static JsonObject error(int code, String type, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("code", code);
    o.addProperty("type", type);
    o.addProperty("message", message);
    return o;
  }

  private static final String TOO_LARGE =
      "Request body exceeds max_request_size of " + MAX_REQUEST_SIZE + " bytes.";

  @Test
  void oversizeBodyIs413JsonAndTheConnectionKeepsServing() {
    List<FullHttpResponse> rs =
        send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nx-request-id: big-1\r\nContent-Length: 20\r\n\r\n"
                + "01234567890123456789"
                + "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(2, rs.size());
    assertEquals(413, rs.get(0).status().code());
    assertEquals(error(413, "PayloadTooLargeException", TOO_LARGE), json(rs.get(0)));
    assertEquals("big-1", rs.get(0).headers().get("x-request-id"));
    assertEquals("keep-alive", rs.get(0).headers().get("connection"));
    assertEquals(200, rs.get(1).status().code());
    assertEquals("pong", rs.get(1).content().toString(StandardCharsets.UTF_8));
    assertTrue(server.isOpen());
  }

  @Test
  void oversizeChunkedBodyIs413Json() {
    List<FullHttpResponse> rs =
        send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8\r\n01234567\r\n8\r\n89012345\r\n0\r\n\r\n"
                + "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(2, rs.size());
    assertEquals(error(413, "PayloadTooLargeException", TOO_LARGE), json(rs.get(0)));
    assertEquals(200, rs.get(1).status().code());
  }

  @Test
  void oversizeBodyAnnouncedWithExpectContinueIs413Json() {
    List<FullHttpResponse> rs =
        send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 20\r\n\r\n");
    assertEquals(1, rs.size());
    assertEquals(error(413, "PayloadTooLargeException", TOO_LARGE), json(rs.get(0)));
    assertTrue(server.isOpen());
  }

  @Test
  void bodyWithinTheLimitIsServed() {
    List<FullHttpResponse> rs =
        send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789");
    assertEquals("0123456789", rs.get(0).content().toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownPathIs404JsonEchoingTheRequestId() {
    FullHttpResponse r = send("GET /nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\r\n\r\n").get(0);
    assertEquals(
        error(
            404,
            "ResourceNotFoundException",
            "Requested resource is not found, please refer to API document."),
        json(r));
    assertEquals("abc", r.headers().get("x-request-id"));
    assertEquals("application/json", r.headers().get("content-type"));
  }

  @Test
  void wrongMethodIs405() {
    FullHttpResponse r = send("DELETE /ping HTTP/1.1\r\nHost: x\r\n\r\n").get(0);
    assertEquals(
        error(
            405,
            "MethodNotAllowedException",
            "Requested method is not allowed, please refer to API document."),
        json(r));
  }

  @Test
  void unexpectedFailureIs500WithoutItsDetail() {
    FullHttpResponse r = send("GET /boom HTTP/1.1\r\nHost: x\r\nx-request-id: r9\r\n\r\n").get(0);
    assertEquals(
        error(
            500,
            "InternalServerException",
            "Internal server error; the server log has the details under request id r9"),
        json(r));
  }

  @Test
  void malformedRequestIs400AndClosesTheConnection() {
    FullHttpResponse r =
        send("GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n").get(0);
    assertEquals(400, r.status().code());
    assertEquals("BadRequestException", json(r).get("type").getAsString());
    assertEquals("close", r.headers().get("connection"));
    assertFalse(server.isOpen());
  }

  @Test
  void connectionCloseIsHonoured() {
    FullHttpResponse r = send("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").get(0);
    assertEquals("close", r.headers().get("connection"));
    assertFalse(server.isOpen());
  }

  @Test
  void everyAnswerIsCountedOnceAndNothingStaysInFlight() {
    send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(List.of(":200", ":404"), log);
    assertEquals(0, inFlight.running());
  }

  private static List<String> idsAndStatuses(List<FullHttpResponse> rs) {
    return rs.stream().map(r -> r.headers().get("x-request-id") + ":" + r.status().code()).toList();
  }

  @Test
  void pipelinedRequestsAreAnsweredInRequestOrder() {
    List<FullHttpResponse> early =
        send(
            "GET /slow HTTP/1.1\r\nHost: x\r\nx-request-id: first\r\n\r\n"
                + "GET /ping HTTP/1.1\r\nHost: x\r\nx-request-id: second\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: x\r\nx-request-id: third\r\n\r\n");
    assertEquals(List.of(), idsAndStatuses(early), "answered before the first request");
    slow.complete(HttpReply.text(200, "text/plain", "slow"));
    List<FullHttpResponse> rs = written();
    assertEquals(List.of("first:200", "second:200", "third:404"), idsAndStatuses(rs));
    assertEquals("slow", rs.get(0).content().toString(StandardCharsets.UTF_8));
    assertEquals("pong", rs.get(1).content().toString(StandardCharsets.UTF_8));
  }

  @Test
  void oversizeBodyBehindARunningRequestIsAnsweredAfterIt() {
    List<FullHttpResponse> early =
        send(
            "GET /slow HTTP/1.1\r\nHost: x\r\nx-request-id: first\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nx-request-id: big\r\nContent-Length: 20"
                + "\r\n\r\n01234567890123456789"
                + "GET /ping HTTP/1.1\r\nHost: x\r\nx-request-id: last\r\n\r\n");
    assertEquals(List.of(), idsAndStatuses(early), "answered before the first request");
    slow.complete(HttpReply.text(200, "text/plain", "slow"));
    assertEquals(List.of("first:200", "big:413", "last:200"), idsAndStatuses(written()));
  }

  @Test
  void oversizeBodyIsCountedOnceUnderTheModelItsPathNames() {
    send(
        "POST /predictions/posts HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n"
            + "01234567890123456789"
            + "POST /predictions/posts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    assertEquals(List.of("posts:413", "posts:200"), log);
  }

  @Test
  void oversizeChunkedBodyIsCountedOnceUnderTheModelItsPathNames() {
    send(
        "POST /predictions/posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\n01234567\r\n8\r\n89012345\r\n0\r\n\r\n");
    assertEquals(List.of("posts:413"), log);
  }

  @Test
  void oversizeBodyAnnouncedWithExpectContinueIsCountedOnce() {
    send(
        "POST /predictions/posts HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            + "Content-Length: 20\r\n\r\n");
    assertEquals(List.of("posts:413"), log);
  }

  @Test
  void oversizeBodyOnAManagementPathIsCountedWithoutAModel() {
    send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n01234567890123456789");
    assertEquals(List.of(":413"), log);
  }

  @Test
  void continueThenAnswerIsCountedOnceWithTheFinalStatus() {
    List<FullHttpResponse> rs =
        send(
            "POST /predictions/posts HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 2\r\n\r\n{}");
    assertEquals(200, rs.get(rs.size() - 1).status().code());
    assertEquals(List.of("posts:200"), log);
  }

  @Test
  void malformedRequestIsCountedOnceAs400() {
    send("GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    assertEquals(List.of(":400"), log);
  }

  @Test
  void requestDuringShutdownIsCountedOnceAs503() {
    inFlight.drain();
    send("POST /predictions/posts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    assertEquals(List.of(":503"), log);
  }

  @Test
  void requestsDuringShutdownAre503AndClose() {
    inFlight.drain();
    FullHttpResponse r = send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n").get(0);
    assertEquals(
        error(503, "ServiceUnavailableException", "The server is shutting down."), json(r));
    assertEquals("close", r.headers().get("connection"));
  }
}
