package dev.linr.serving.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;

/**
 * The pipeline of one connection: HTTP/1.1 codec, flow control, body aggregation bounded by {@code
 * max_request_size}, then the request handler. Connections are tracked so that shutdown can close
 * the idle ones.
 *
 * <p>Pipelined requests are answered in order: the handler stops reading (auto-read off) when a
 * request arrives and resumes once its answer is written, and the flow control handler holds back
 * the messages that the codec has already decoded from bytes read earlier. It sits ahead of the
 * aggregator so that nothing, not even a 413 from the aggregator, is answered while an earlier
 * request of the connection is still running.
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
        .addLast("flow", new FlowControlHandler())
        .addLast("aggregator", new BoundedAggregator(maxRequestSize, router, log))
        .addLast("handler", new RequestHandler(router, inFlight, log));
  }
}
