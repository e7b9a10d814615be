package dev.linr.serving.http;

import dev.linr.serving.BadRequestException;
import dev.linr.serving.ServiceUnavailableException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one connection: routes each, and writes its reply when the route's future
 * completes, on whatever thread completes it. Nothing here blocks the event loop. A failure
 * anywhere becomes an error reply through {@link ErrorResponses}. A client that disconnects before
 * its answer is ready is not an error: the job completes and its answer is dropped.
 *
 * <p>Answers leave in request order, as HTTP/1.1 pipelining requires: from the moment a request
 * arrives the connection stops reading (auto-read off; the flow control handler ahead of the
 * aggregator holds requests already decoded), and reading resumes once its answer is written. One
 * request per connection runs at a time; concurrency comes from connections.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

  private final Router router;
  private final InFlight inFlight;
  private final RequestLog log;

  RequestHandler(Router router, InFlight inFlight, RequestLog log) {
    this.router = router;
    this.inFlight = inFlight;
    this.log = log;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    String id = RequestIds.of(request.headers());
    HttpVersion version = request.protocolVersion();
    boolean ok = request.decoderResult().isSuccess();
    // After a malformed request the decoder discards the rest of the stream: close.
    boolean keepAlive = ok && HttpUtil.isKeepAlive(request) && !inFlight.draining();
    // Before anything can answer (a route may complete at once): the next request waits for this
    // answer to be written.
    ctx.channel().config().setAutoRead(false);
    inFlight.enter();
    String model = "";
    CompletableFuture<HttpReply> reply;
    try {
      Routed routed = route(request, ok);
      model = routed.model();
      reply = routed.match().route().handler().handle(routed.request());
    } catch (Throwable t) { // NOPMD: every failure, errors included, is answered
      reply = CompletableFuture.failedFuture(t);
    }
    String label = model;
    reply.whenComplete(
        (r, failure) -> {
          try {
            finish(ctx.channel(), r, failure, id, keepAlive, version, label, start);
          } catch (RuntimeException e) {
            LOG.warn("request {}: the response could not be written", id, e);
            inFlight.exit();
            // The client would wait for this answer forever, and reading is paused: hang up.
            ctx.close();
          }
        });
  }

  /** A matched route, its request, and the model its requests are counted under. */
  private record Routed(Router.Match match, Request request, String model) {}

  private Routed route(FullHttpRequest request, boolean ok) {
    if (!ok) {
      throw new BadRequestException(
          "Malformed HTTP request: " + request.decoderResult().cause().getMessage());
    }
    if (inFlight.draining()) {
      throw new ServiceUnavailableException("The server is shutting down.");
    }
    QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
    Router.Match match = router.match(request.method(), decoder.path());
    QueryParams query = new QueryParams(decoder);
    String target = match.target(query);
    return new Routed(
        match, new Request(request, query, match.params(), target), target == null ? "" : target);
  }

  private void finish(
      Channel channel,
      HttpReply reply,
      Throwable failure,
      String id,
      boolean keepAlive,
      HttpVersion version,
      String model,
      long start) {
    FullHttpResponse response;
    HttpReply sent = reply;
    try {
      if (failure != null || reply == null) {
        sent =
            ErrorResponses.reply(
                failure != null ? failure : new IllegalStateException("no reply"), id);
      }
      response = ResponseWriter.toResponse(sent, id, keepAlive, version);
    } catch (RuntimeException e) {
      // A reply that cannot be written as HTTP (a model's bad status or header) is a server error.
      sent = ErrorResponses.reply(new IllegalStateException("unwritable reply", e), id);
      response = ResponseWriter.toResponse(sent, id, keepAlive, version);
    }
    int status = sent.status();
    ChannelFuture write = ResponseWriter.write(channel, response, keepAlive);
    if (write == null) {
      LOG.debug("request {}: the client disconnected; answer {} dropped", id, status);
      done(model, status, start);
    } else {
      write.addListener(
          f -> {
            done(model, status, start);
            if (keepAlive && f.isSuccess()) {
              // On the event loop (the write's listener): the next request may now be read.
              channel.config().setAutoRead(true);
            }
          });
    }
  }

  private void done(String model, int status, long start) {
    inFlight.exit();
    try {
      log.finished(model, status, System.nanoTime() - start);
    } catch (RuntimeException e) {
      LOG.warn("request accounting failed", e);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that hangs up mid-request (PrematureChannelClosureException from the aggregator)
    // is as ordinary as a reset connection: no warning and stack trace per disconnect.
    if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
      LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
    } else {
      LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
