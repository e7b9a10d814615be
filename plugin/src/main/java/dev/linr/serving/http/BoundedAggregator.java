package dev.linr.serving.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates request bodies up to {@code max_request_size} bytes. A larger body, announced by its
 * {@code Content-Length} (with or without {@code Expect: 100-continue}) or found while reading a
 * chunked body, is answered 413 with the server's error JSON; the rest of the body is read and
 * discarded, so a keep-alive connection stays usable.
 *
 * <p>These answers never reach the request handler, so they are counted here, once each, in the
 * {@link RequestLog}: under the model or workflow that the request's URI names ({@link
 * Router#model}), else {@code ""}. One instance per connection, used on its event loop.
 */
final class BoundedAggregator extends HttpObjectAggregator {
  private final int maxRequestSize;
  private final Router router;
  private final RequestLog log;

  BoundedAggregator(int maxRequestSize, Router router, RequestLog log) {
    super(maxRequestSize);
    this.maxRequestSize = maxRequestSize;
    this.router = router;
    this.log = log;
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof FullHttpResponse r
        && r.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()
        && start instanceof HttpRequest request) {
      ReferenceCountUtil.release(response);
      // The aggregator writes this answer itself, at once: counted as it is handed over.
      count(request, System.nanoTime());
      return tooLarge(request);
    }
    return response;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest request)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    long start = System.nanoTime();
    ChannelFuture write =
        ResponseWriter.write(ctx.channel(), tooLarge(request), HttpUtil.isKeepAlive(request));
    if (write == null) {
      count(request, start);
    } else {
      write.addListener(f -> count(request, start));
    }
  }

  private void count(HttpRequest request, long start) {
    log.finished(
        router.model(request.method(), request.uri()),
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
        System.nanoTime() - start);
  }

  private FullHttpResponse tooLarge(HttpRequest request) {
    String id = RequestIds.of(request.headers());
    HttpReply reply =
        ErrorResponses.reply(
            new PayloadTooLargeException(
                "Request body exceeds max_request_size of " + maxRequestSize + " bytes."),
            id);
    return ResponseWriter.toResponse(
        reply, id, HttpUtil.isKeepAlive(request), request.protocolVersion());
  }
}
