package dev.linr.serving.http;

import dev.linr.serving.config.ServerAddress;
import dev.linr.serving.config.ServerConfig;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.workflow.WorkflowRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL Serving's HTTP API on Netty (NIO): the inference API on {@code inference_address} and the
 * management API on {@code management_address}, one port serving both when the addresses are equal
 * (the default). I/O threads are named {@code linr-http-*}; model work never runs on them. Slow
 * management work (loading, scaling, unregistering) and item updates of index models ({@code
 * /indexes/...}, served with the inference API) run on the loader executor given.
 *
 * <p>Thread-safe. {@link #close(Duration)} stops accepting connections, lets running requests
 * finish (bounded), turns away new ones, then closes every connection; it does not close the
 * registries or the loader, which belong to the caller.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final ChannelGroup connections;
  private final InFlight inFlight = new InFlight();
  private final List<Channel> listeners = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ServerAddress inferenceAddress;
  private ServerAddress managementAddress;

  private HttpServer(int threads) {
    acceptors =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("linr-http-accept", true), NioIoHandler.newFactory());
    workers =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("linr-http-io", true), NioIoHandler.newFactory());
    connections = new DefaultChannelGroup("linr-http", GlobalEventExecutor.INSTANCE);
  }

  /**
   * Binds the configured addresses and starts serving.
   *
   * @param loader runs registrations, scaling, unregistrations and item updates; owned by the
   *     caller
   * @throws IllegalArgumentException if an address cannot be bound (in use, unknown host)
   */
  public static HttpServer start(
      ServerConfig config,
      ModelRegistry models,
      WorkflowRegistry workflows,
      ServerMetrics metrics,
      Executor loader) {
    Endpoints endpoints = new Endpoints(models, workflows);
    InferenceRoutes inference = new InferenceRoutes(endpoints);
    UpdateRoutes updates = new UpdateRoutes(endpoints, loader);
    ManagementRoutes management = new ManagementRoutes(endpoints, metrics, loader);
    RequestLog log = metrics::requestFinished;
    HttpServer server = new HttpServer(config.nettyThreads());
    try {
      if (config.inferenceAddress().equals(config.managementAddress())) {
        Router both = new Router();
        inference.addTo(both);
        updates.addTo(both);
        management.addTo(both);
        server.inferenceAddress =
            server.bind(
                ServerConfig.INFERENCE_ADDRESS, config.inferenceAddress(), both, config, log);
        server.managementAddress = server.inferenceAddress;
      } else {
        Router i = new Router();
        inference.addTo(i);
        updates.addTo(i);
        Router m = new Router();
        management.addTo(m);
        server.inferenceAddress =
            server.bind(ServerConfig.INFERENCE_ADDRESS, config.inferenceAddress(), i, config, log);
        server.managementAddress =
            server.bind(
                ServerConfig.MANAGEMENT_ADDRESS, config.managementAddress(), m, config, log);
      }
    } catch (RuntimeException e) {
      server.close(Duration.ZERO);
      throw e;
    }
    return server;
  }

  private ServerAddress bind(
      String key, ServerAddress address, Router router, ServerConfig config, RequestLog log) {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new HttpChannelInitializer(
                    router, config.maxRequestSize(), inFlight, log, connections));
    Channel channel;
    try {
      channel = b.bind(address.socketAddress()).syncUninterruptibly().channel();
    } catch (Exception e) { // NOPMD: bind failures are sneaky-thrown checked exceptions
      throw new IllegalArgumentException(
          key + " " + address + " cannot be bound: " + e.getMessage(), e);
    }
    listeners.add(channel);
    int port = ((InetSocketAddress) channel.localAddress()).getPort();
    LOG.info("{} listening on {}", key, address.withPort(port));
    return address.withPort(port);
  }

  /** The bound inference address (with the actual port when 0 was asked for). */
  public ServerAddress inferenceAddress() {
    return inferenceAddress;
  }

  /** The bound management address; the inference address when they share a port. */
  public ServerAddress managementAddress() {
    return managementAddress;
  }

  /**
   * Requests received and not yet answered (an answer dropped for a gone client counts as done).
   */
  public int inFlightRequests() {
    return inFlight.running();
  }

  /** {@link #close(Duration)} with a 30 s grace period. */
  @Override
  public void close() {
    close(DEFAULT_GRACE);
  }

  /**
   * Stops accepting connections, waits up to {@code grace} for running requests, then closes all
   * connections and stops the I/O threads. Idempotent.
   */
  public void close(Duration grace) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    inFlight.drain();
    try {
      if (!inFlight.awaitIdle(grace)) {
        LOG.warn(
            "{} requests still running after {}; closing their connections",
            inFlight.running(),
            grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.close().awaitUninterruptibly();
    acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
