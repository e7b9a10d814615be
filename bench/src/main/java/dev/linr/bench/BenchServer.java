package dev.linr.bench;

import dev.linr.serving.LinrServer;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The server process of the serving benchmark: a {@link LinrServer} started from a {@code
 * config.properties} (with the {@code SERVING_*} environment applied, as {@code linr serve} reads
 * it), running until its standard input closes, so that it never outlives the benchmark that
 * started it. Once listening it prints one line, {@value #READY} followed by the inference address.
 *
 * <p>Run: {@code java -cp <classpath> dev.linr.bench.BenchServer config.properties}.
 */
public final class BenchServer {
  /** The start of the line printed once the server listens. */
  static final String READY = "linr-bench-server listening ";

  private BenchServer() {}

  /** Entry point: {@code BenchServer <config.properties>}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchServer <config.properties>");
      System.exit(2);
    }
    ServerConfig config = ServerConfig.read(Path.of(args[0]), System.getenv());
    try (LinrServer server = LinrServer.start(config)) {
      System.out.println(READY + server.inferenceAddress().url());
      System.out.flush();
      drain(System.in);
    }
  }

  /** Reads until end of stream: the benchmark closed the pipe, or died. */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // nothing is sent on standard input; only its end matters
    }
  }
}
