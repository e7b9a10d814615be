package dev.linr.serving.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/**
 * Puts a reply on the wire: status, the reply's headers, {@code x-request-id}, {@code
 * content-length} and {@code connection}; the connection is closed after the write unless it is
 * kept alive. A connection that the client already closed gets nothing, quietly. Stateless.
 */
final class ResponseWriter {
  private ResponseWriter() {}

  /** The full response for a reply. */
  static FullHttpResponse toResponse(
      HttpReply reply, String requestId, boolean keepAlive, HttpVersion version) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            version,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
    HttpHeaders headers = response.headers();
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      headers.set(h.getKey(), h.getValue());
    }
    headers.set(RequestIds.HEADER, requestId);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    headers.set(
        HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    return response;
  }

  /**
   * Writes a response built by {@link #toResponse}.
   *
   * @return the write, or null when the connection is already closed (the response is dropped)
   */
  static ChannelFuture write(Channel channel, FullHttpResponse response, boolean keepAlive) {
    if (!channel.isActive()) {
      response.release();
      return null;
    }
    ChannelFuture f = channel.writeAndFlush(response);
    f.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    return f;
  }
}
