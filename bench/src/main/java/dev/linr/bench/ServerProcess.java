package dev.linr.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmarked server as a separate process ({@link BenchServer}) started with the same {@code
 * java}, class path and JVM options as this one, so that the load generator never shares the
 * server's JVM. {@link #start} returns once the server answers {@code GET /ping} with 200; {@link
 * #close()} closes the server's standard input (it then stops gracefully) and waits for it to exit.
 * The server's log goes to a file. Not thread-safe.
 */
final class ServerProcess implements AutoCloseable {
  /** The longest the server may take to start listening and answer {@code /ping}. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

  private final Process process;
  private final Path log;
  private final String url;

  private ServerProcess(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /**
   * Starts the server on {@code config} and waits until it is healthy.
   *
   * @param log where the server's standard error goes
   * @throws IllegalStateException if it exits or does not become healthy in time (with the end of
   *     its log)
   */
  static ServerProcess start(Path config, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
        command.add(option);
      }
    }
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    command.add(config.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    Process process = pb.start();
    try {
      String url = awaitReady(process, log);
      ServerProcess server = new ServerProcess(process, log, url);
      server.awaitPing();
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * Writes a benchmark server's {@code config.properties}: both APIs on one ephemeral port of
   * 127.0.0.1, no model loaded at start (the benchmark registers what it measures), then {@code
   * settings} in order.
   *
   * @return {@code file}
   */
  static Path writeConfig(Path file, Map<String, String> settings) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "inference_address=http://127.0.0.1:0\n"
                + "management_address=http://127.0.0.1:0\n"
                + "load_models=NONE\n");
    settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** The inference address, {@code http://127.0.0.1:port}. */
  String url() {
    return url;
  }

  /** The process id, for the record. */
  long pid() {
    return process.pid();
  }

  private static String awaitReady(Process process, Path log)
      throws IOException, InterruptedException {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith(BenchServer.READY)) {
                    ready.complete(line.substring(BenchServer.READY.length()).trim());
                  }
                }
                ready.completeExceptionally(new IOException("the server closed its output"));
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
            },
            "bench-server-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the server did not start (" + e.getMessage() + "); its log ends:\n" + tail(log), e);
    }
  }

  private void awaitPing() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (HttpLoad http = new HttpLoad(url)) {
      while (http.status("/ping") != 200) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the server at "
                  + url
                  + " did not answer /ping with 200; its log ends:\n"
                  + tail(log));
        }
        Thread.sleep(100);
      }
    }
  }

  /** The last lines of the server's log. */
  String logTail() throws IOException {
    return tail(log);
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
