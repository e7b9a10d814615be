package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code linr serve} as users run it: a separate JVM on this classpath (cache folder {@code
 * dir/cache}, standard error in {@code dir/stderr.txt}), started and read up to its last
 * instruction ({@code stop with ...}). {@link #stop()} sends SIGTERM and expects a clean exit.
 */
final class ServeProcess {
  private static final Pattern SERVING = Pattern.compile("linr serving on (http://\\S+) ");
  private static final Pattern CURL_POST =
      Pattern.compile("curl -s -X POST (\\S+) -H 'Content-Type: application/json' -d '(.*)'");

  /** A printed {@code curl -X POST} example: its URL and JSON body. */
  record CurlPost(String url, String body) {}

  private final Path dir;
  private final Process process;
  private final List<String> lines;
  private final String url;

  private ServeProcess(Path dir, Process process, List<String> lines, String url) {
    this.dir = dir;
    this.process = process;
    this.lines = lines;
    this.url = url;
  }

  /** Starts {@code linr serve args...} and waits until it has printed its instructions. */
  static ServeProcess start(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("serve");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String url = null;
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        url = m.group(1);
      }
      if (line.startsWith("stop with")) {
        break;
      }
    }
    ServeProcess served = new ServeProcess(dir, p, lines, url);
    assertNotNull(url, () -> "no address printed: " + lines + "\n" + served.stderr());
    return served;
  }

  /** The lines printed up to and including the last instruction. */
  List<String> lines() {
    return lines;
  }

  /** The inference address, {@code http://host:port}. */
  String url() {
    return url;
  }

  /** The printed {@code curl -X POST} examples, in print order. */
  List<CurlPost> curlPosts() {
    List<CurlPost> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = CURL_POST.matcher(line.trim());
      if (m.matches()) {
        out.add(new CurlPost(m.group(1), m.group(2)));
      }
    }
    return out;
  }

  String stderr() {
    try {
      return Files.readString(dir.resolve("stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** SIGTERM, then the exit of a JVM whose shutdown hooks ran without an exception. */
  void stop() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
    assertFalse(stderr().contains("Exception"), this::stderr);
  }
}
