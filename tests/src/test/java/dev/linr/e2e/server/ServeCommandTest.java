package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.cli.Main;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linr serve} as users run it: a separate JVM that prints its address and a curl example,
 * answers HTTP, and stops gracefully on SIGTERM through its shutdown hook.
 */
class ServeCommandTest {
  private static final Pattern SERVING = Pattern.compile("linr serving on (http://\\S+) ");
  private static final Pattern CURL_POST =
      Pattern.compile("curl -s -X POST (\\S+) -H 'Content-Type: application/json' -d '(.*)'");

  @TempDir Path dir;

  /** A running {@code linr serve} and the lines it printed up to its last instruction. */
  private record Served(Process process, List<String> lines, String url) {}

  private Served serve(String... args) throws IOException {
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
    assertNotNull(url, () -> "no address printed: " + lines + "\n" + stderr());
    return new Served(p, lines, url);
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, then the exit of a JVM whose shutdown hooks ran. */
  private void stop(Process p) throws InterruptedException {
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
    assertFalse(stderr().contains("Exception"), this::stderr);
  }

  @Test
  void servesAModelStoreAndStopsOnSigterm() throws Exception {
    Path store = Files.createDirectories(dir.resolve("store"));
    Archives.build(dir, "posts");
    Files.move(dir.resolve("posts"), store.resolve("posts"));
    Served s = serve("--model-store", store.toString(), "--port", "0");
    try {
      HttpResponse<String> ping =
          send(HttpRequest.newBuilder(URI.create(s.url() + "/ping")).build());
      assertEquals(200, ping.statusCode());
      assertEquals(
          JsonParser.parseString("{\"posts\": {\"status\": \"Healthy\"}}"),
          JsonParser.parseString(ping.body()));
      assertTrue(s.lines().contains("models and workflows: posts"), s.lines()::toString);
    } finally {
      stop(s.process());
    }
  }

  @Test
  void demoAnswersTheCurlExampleItPrints() throws Exception {
    Served s = serve("--port", "0");
    try {
      Matcher curl = null;
      for (String line : s.lines()) {
        Matcher m = CURL_POST.matcher(line.trim());
        if (m.matches()) {
          curl = m;
        }
      }
      assertNotNull(curl, s.lines()::toString);
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(URI.create(curl.group(1)))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(curl.group(2)))
                  .build());
      assertEquals(200, r.statusCode(), r::body);
      JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
      assertEquals(5, answer.getAsJsonArray("hits").size());
      assertEquals(20_000, answer.get("matched").getAsInt());
    } finally {
      stop(s.process());
    }
    assertTrue(Files.isDirectory(dir.resolve("cache").resolve("linr")));
  }

  private static int runInProcess(String... args) {
    PrintStream err = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void portOutOfRangeIsAUserError() {
    assertEquals(2, runInProcess("serve", "--port", "70000"));
  }

  @Test
  void missingConfigFileIsAUserError() {
    assertEquals(2, runInProcess("serve", "--config", dir.resolve("nope.properties").toString()));
  }

  @Test
  void badConfigValueIsAUserError() throws IOException {
    Path config = Files.writeString(dir.resolve("config.properties"), "batch_size=1.7\n");
    assertEquals(2, runInProcess("serve", "--config", config.toString()));
  }
}
