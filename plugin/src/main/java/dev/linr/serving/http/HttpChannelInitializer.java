package dev.linr.serving.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of one connection: HTTP/1.1 codec, body aggregation bounded by {@code
 * max_request_size}, then the request handler. Connections are tracked so that shutdown can close
 * the idle ones.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final Router router;
  private final int maxRequestSize;
  private final InFlight inFlight;
  private final RequestLog log;
  private final ChannelGroup connections;

  HttpChannelInitializer(
      Router router,
      int maxRequestSize,
      InFlight inFlight,
      RequestLog log,
      ChannelGroup connections) {
    this.router = router;
    this.maxRequestSize = maxRequestSize;
    this.inFlight = inFlight;
    this.log = log;
    this.connections = connections;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    connections.add(ch);
    configure(ch.pipeline(), router, maxRequestSize, inFlight, log);
  }

  /** Adds the HTTP handlers to a connection's pipeline. */
  static void configure(
      ChannelPipeline pipeline,
      Router router,
      int maxRequestSize,
      InFlight inFlight,
      RequestLog log) {
    pipeline
        .addLast("http", new HttpServerCodec())
        .addLast("aggregator", new BoundedAggregator(maxRequestSize))
        .addLast("handler", new RequestHandler(router, inFlight, log));
  }
}
