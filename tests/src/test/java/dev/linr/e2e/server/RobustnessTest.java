package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.ArchivePacker;
import dev.linr.serving.config.ServerConfig;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10,000 bad or abusive requests, from 8 threads in 10 phases of 1,000, against a server that keeps
 * serving an index in between: malformed JSON, a CSV body, oversize bodies, unknown models, paths
 * and versions, wrong methods, bad query and registration parameters, corrupt archives registered
 * (a truncated {@code .pt}, as a folder and zipped), malformed HTTP, and raw sockets that hang up
 * mid-request. Each bad request gets its status and a {@code {code, type, message}} JSON error
 * naming the problem; good requests, interleaved and after every phase, stay exactly the brute
 * force's; the metrics count every request with its status; and threads, heap and open files do not
 * grow between the checkpoint after the first 1,000 and the one after all 10,000.
 *
 * <p>The run happens once, before the tests; each test asserts one property of its record.
 */
class RobustnessTest {
  private static final String MODEL = "idx";
  private static final String BROKEN = "broken";
  private static final int MAX_REQUEST_SIZE = 4096;
  private static final int PHASES = 10;
  private static final int PER_PHASE = 1_000;
  private static final int THREADS = 8;
  private static final int GOOD_EVERY = 10;
  private static final int SWEEP = 32;
  private static final int REPORTED = 3;

  /** A fixed number of I/O threads, all started within the first phase whatever the host. */
  private static final int NETTY_THREADS = 4;

  /**
   * Threads may exceed the early checkpoint by this many: JDK and Netty helpers that start on
   * demand and stop by themselves when idle (the common fork-join pool's workers, Netty's global
   * event executor) may be alive at one checkpoint and not the other. A per-request leak exceeds it
   * at once: 9,000 requests lie between the checkpoints.
   */
  private static final int THREAD_SLACK = 2;

  private static final long HEAP_SLACK_BYTES = 64L << 20;

  /**
   * Open files may exceed the early checkpoint by this many: each of the {@value #THREADS} client
   * threads may hold one keep-alive connection, both ends of which are in this process.
   */
  private static final int FD_SLACK = 2 * THREADS + 2;

  @TempDir static Path dir;
  private static TestServer server;
  private static ExactQueries queries;
  private static HttpClient http;
  private static ExecutorService io;
  private static ExecutorService clients;
  private static String brokenFolderUrl;
  private static String brokenZipUrl;
  private static String goodUrl;

  private static final List<Abuse> ABUSES = abuses();
  private static final Map<String, LongAdder> SENT = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> FAILED = new ConcurrentHashMap<>();
  private static final Map<String, Queue<String>> REPORTS = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> EXPECTED_COUNTS = new ConcurrentHashMap<>();
  private static final AtomicInteger GOOD = new AtomicInteger();
  private static final String GOOD_KIND = "good request";
  private static Snapshot early;
  private static Snapshot end;
  private static PrometheusSamples finalMetrics;

  /** One kind of bad request; {@code status} 0 for a request that never completes. */
  private record Abuse(String name, String model, int status, Action action) {}

  /** Sends one bad request and asserts its answer. */
  @FunctionalInterface
  private interface Action {
    void run(int i) throws Exception;
  }

  /** Sends one request and asserts its answer. */
  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** What the process holds at a checkpoint. */
  private record Snapshot(Set<String> threads, long heapBytes, long openFiles) {}

  @BeforeAll
  static void run() throws Exception {
    queries = ExactQueries.build(dir, 256, 808);
    goodUrl = queries.url();
    Path broken = corruptCopy(queries.folder(), dir.resolve(BROKEN));
    brokenFolderUrl = broken.toUri().toString();
    Path zip = dir.resolve("zipped").resolve(BROKEN + ".zip");
    Files.createDirectories(zip.getParent());
    ArchivePacker.pack(broken, zip);
    brokenZipUrl = zip.toUri().toString();

    server =
        TestServer.start(
            ServerConfig.builder()
                .optMaxRequestSize(MAX_REQUEST_SIZE)
                .optNettyThreads(NETTY_THREADS));
    io = Executors.newFixedThreadPool(4, new DefaultThreadFactory("robustness-http", true));
    clients = Executors.newFixedThreadPool(THREADS, new DefaultThreadFactory("robustness", true));
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(io)
            .build();
    HttpResponse<String> registered =
        send(
            server
                .request(
                    "/models?model_name="
                        + MODEL
                        + "&batch_size=8&max_batch_delay=2&url="
                        + encode(goodUrl))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, registered.statusCode(), registered::body);
    expect("", 200);

    for (int phase = 0; phase < PHASES; phase++) {
      runPhase(phase);
      sweep("after phase " + (phase + 1));
      if (phase == 0) {
        early = settle();
      }
    }
    end = settle();
    finalMetrics = metrics();
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
    if (io != null) {
      io.shutdownNow();
    }
  }

  /** The folder archive copied, with its TorchScript file cut to half its length. */
  private static Path corruptCopy(Path folder, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(folder.relativize(f).toString()));
      }
    }
    try (Stream<Path> files = Files.list(to)) {
      Path pt = files.filter(p -> p.toString().endsWith(".pt")).findFirst().orElseThrow();
      try (FileChannel c = FileChannel.open(pt, StandardOpenOption.WRITE)) {
        c.truncate(c.size() / 2);
      }
    }
    return to;
  }

  /** {@value #PER_PHASE} bad requests from {@value #THREADS} threads, good ones in between. */
  private static void runPhase(int phase) throws Exception {
    AtomicInteger next = new AtomicInteger(phase * PER_PHASE);
    int last = (phase + 1) * PER_PHASE;
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      running.add(
          clients.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < last; i = next.getAndIncrement()) {
                  Abuse a = ABUSES.get(i % ABUSES.size());
                  int n = i;
                  attempt(a.name(), () -> a.action().run(n));
                  SENT.computeIfAbsent(a.name(), k -> new LongAdder()).increment();
                  if (a.status() != 0) {
                    expect(a.model(), a.status());
                  }
                  if (i % GOOD_EVERY == 0) {
                    good("between bad requests");
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }

  /** Good requests one after the other, each checked exactly. */
  private static void sweep(String when) {
    for (int i = 0; i < SWEEP; i++) {
      good(when);
    }
  }

  private static void good(String when) {
    ExactQueries.Query q = queries.query(GOOD.getAndIncrement());
    attempt(
        GOOD_KIND,
        () -> {
          HttpResponse<String> r = postJson("/predictions/" + MODEL, q.body());
          assertEquals(200, r.statusCode(), r::body);
          queries.assertAnswer(q, r.body(), when);
        });
    expect(MODEL, 200);
  }

  private static void attempt(String kind, Check check) {
    try {
      check.run();
    } catch (Exception | AssertionError e) {
      FAILED.computeIfAbsent(kind, k -> new LongAdder()).increment();
      Queue<String> reports = REPORTS.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>());
      if (reports.size() < REPORTED) {
        reports.add(e.toString());
      }
    }
  }

  private static void expect(String model, int status) {
    EXPECTED_COUNTS
        .computeIfAbsent(
            "linr_requests_total{model=\"" + model + "\",code=\"" + status + "\"}",
            k -> new LongAdder())
        .increment();
  }

  /**
   * Waits until the server has counted every complete request sent so far (the count is taken after
   * the answer is written or dropped, so nothing is in flight) and the model's queue is empty, then
   * collects garbage and records threads, heap and open files.
   */
  private static Snapshot settle() {
    long expected = EXPECTED_COUNTS.values().stream().mapToLong(LongAdder::sum).sum();
    PrometheusSamples.await(
        () -> server.server.metrics().render(),
        s ->
            counted(s).values().stream().mapToLong(Long::longValue).sum() >= expected
                && s.count("linr_queue_depth{model=\"" + MODEL + "\",version=\"\"}") == 0,
        expected + " requests answered and an empty queue",
        Duration.ofSeconds(60));
    System.gc();
    Set<String> threads = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      threads.add(t.getName() + "#" + t.getId());
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Snapshot(threads, heap, openFiles());
  }

  private static long openFiles() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getOpenFileDescriptorCount()
        : -1;
  }

  private static PrometheusSamples metrics() {
    return new PrometheusSamples(server.server.metrics().render());
  }

  /**
   * The request counters, 413s included: those are answered by the body aggregator before a request
   * is routed, and counted there.
   */
  private static Map<String, Long> counted(PrometheusSamples s) {
    return new TreeMap<>(s.family("linr_requests_total{"));
  }

  // ---- the bad requests --------------------------------------------------------------------

  private static List<Abuse> abuses() {
    List<Abuse> a = new ArrayList<>();
    a.add(
        new Abuse(
            "malformed JSON",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, "{\"vector\": [1, 2,"),
                    400,
                    "TranslateException",
                    m ->
                        m.startsWith("request body is not valid JSON: ")
                            && m.endsWith("path $.vector[2]"))));
    a.add(
        new Abuse(
            "not JSON",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, "vector=1,2,3"),
                    400,
                    "TranslateException",
                    m -> m.startsWith("request body is not valid JSON: "))));
    a.add(
        new Abuse(
            "empty body",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, ""),
                    400,
                    "TranslateException",
                    m -> m.equals("request body is empty"))));
    a.add(
        new Abuse(
            "JSON array body",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, "[1, 2, 3]"),
                    400,
                    "TranslateException",
                    m ->
                        m.startsWith("request body must be a JSON object")
                            && m.endsWith(", got an array"))));
    a.add(
        new Abuse(
            "text/csv body",
            MODEL,
            400,
            i ->
                assertError(
                    post("/predictions/" + MODEL, "text/csv", "1,2,3"),
                    400,
                    "TranslateException",
                    m -> m.equals("Content-Type must be application/json, got: text/csv"))));
    a.add(
        new Abuse(
            "oversize body",
            MODEL,
            413,
            i ->
                assertError(
                    postJson(
                        "/predictions/" + MODEL,
                        "{\"pad\": \"" + "x".repeat(MAX_REQUEST_SIZE) + "\"}"),
                    413,
                    "PayloadTooLargeException",
                    m ->
                        m.equals(
                            "Request body exceeds max_request_size of "
                                + MAX_REQUEST_SIZE
                                + " bytes."))));
    a.add(
        new Abuse(
            "unknown model",
            "nope",
            404,
            i ->
                assertError(
                    postJson("/predictions/nope", queries.query(i).body()),
                    404,
                    "ModelNotFoundException",
                    m -> m.equals("Model or workflow not found: nope"))));
    a.add(
        new Abuse(
            "unknown version",
            MODEL,
            404,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL + "/9", queries.query(i).body()),
                    404,
                    "ModelNotFoundException",
                    m -> m.equals("Model version not found: " + MODEL + " version 9"))));
    a.add(
        new Abuse(
            "unknown path",
            "",
            404,
            i ->
                assertError(
                    send(server.request("/v1/whatever").GET()),
                    404,
                    "ResourceNotFoundException",
                    m ->
                        m.equals(
                            "Requested resource is not found, please refer to API document."))));
    a.add(
        new Abuse(
            "GET on predictions",
            "",
            405,
            i ->
                assertError(
                    send(server.request("/predictions/" + MODEL).GET()),
                    405,
                    "MethodNotAllowedException",
                    m ->
                        m.equals(
                            "Requested method is not allowed, please refer to API document."))));
    a.add(
        new Abuse(
            "DELETE on ping",
            "",
            405,
            i ->
                assertError(
                    send(server.request("/ping").DELETE()),
                    405,
                    "MethodNotAllowedException",
                    m ->
                        m.equals(
                            "Requested method is not allowed, please refer to API document."))));
    a.add(
        new Abuse(
            "k of 0",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, withField(queries.query(i), "k", 0)),
                    400,
                    "TranslateException",
                    m -> m.equals("k must be at least 1, got: 0"))));
    a.add(
        new Abuse(
            "wrong dimension",
            MODEL,
            400,
            i ->
                assertError(
                    postJson("/predictions/" + MODEL, "{\"vector\": [1, 2], \"k\": 3}"),
                    400,
                    "TranslateException",
                    m -> m.equals("vector has 2 values, expected " + ExactQueries.DIMENSION))));
    a.add(
        new Abuse(
            "unknown filter attribute",
            MODEL,
            400,
            i ->
                assertError(
                    postJson(
                        "/predictions/" + MODEL,
                        withField(queries.query(i), "filter", "planet = 'mars'")),
                    400,
                    "TranslateException",
                    m -> m.startsWith("filter: unknown attribute 'planet'; known attributes: "))));
    a.add(
        new Abuse(
            "filter syntax error",
            MODEL,
            400,
            i ->
                assertError(
                    postJson(
                        "/predictions/" + MODEL,
                        withField(queries.query(i), "filter", "geo IN ('us'")),
                    400,
                    "TranslateException",
                    m -> m.startsWith("filter: syntax error at position 12: "))));
    a.add(
        new Abuse(
            "registration with a non-integer batch_size",
            "",
            400,
            i ->
                assertError(
                    send(
                        server
                            .request("/models?model_name=x&batch_size=1.7&url=" + encode(goodUrl))
                            .POST(HttpRequest.BodyPublishers.noBody())),
                    400,
                    "BadRequestException",
                    m -> m.equals("Parameter batch_size must be an integer, got: 1.7"))));
    a.add(
        new Abuse(
            "registration without url",
            "",
            400,
            i ->
                assertError(
                    send(server.request("/models").POST(HttpRequest.BodyPublishers.noBody())),
                    400,
                    "BadRequestException",
                    m -> m.equals("Parameter url is required."))));
    a.add(
        new Abuse(
            "corrupt archive folder",
            "",
            400,
            i -> assertCorruptRegistration(brokenFolderUrl, false)));
    a.add(
        new Abuse(
            "corrupt archive zip", "", 400, i -> assertCorruptRegistration(brokenZipUrl, true)));
    a.add(
        new Abuse(
            "describe the model that failed to register",
            "",
            404,
            i ->
                assertError(
                    send(server.request("/models/" + BROKEN).GET()),
                    404,
                    "ModelNotFoundException",
                    m -> m.equals("Model or workflow not found: " + BROKEN))));
    a.add(new Abuse("malformed HTTP", "", 400, i -> assertMalformedHttp()));
    a.add(
        new Abuse(
            "hang up after the headers",
            null,
            0,
            i -> hangUp(head("/predictions/" + MODEL, 300), new byte[0])));
    a.add(
        new Abuse(
            "hang up mid-body",
            null,
            0,
            i -> {
              byte[] body = queries.query(i).body().getBytes(StandardCharsets.UTF_8);
              byte[] half = new byte[body.length / 2];
              System.arraycopy(body, 0, half, 0, half.length);
              hangUp(head("/predictions/" + MODEL, body.length), half);
            }));
    a.add(
        new Abuse(
            "hang up after a whole request",
            MODEL,
            200,
            i -> {
              byte[] body = queries.query(i).body().getBytes(StandardCharsets.UTF_8);
              hangUp(head("/predictions/" + MODEL, body.length), body);
            }));
    a.add(
        new Abuse(
            "hang up after announcing an oversize body",
            MODEL,
            413,
            i -> hangUp(head("/predictions/" + MODEL, 10 * MAX_REQUEST_SIZE), new byte[100])));
    return a;
  }

  static Stream<String> kinds() {
    return ABUSES.stream().map(Abuse::name);
  }

  /**
   * 400 naming the model, the archive, the TorchScript file and what is wrong with it; an archive
   * unpacked for the attempt is already deleted when the answer comes.
   */
  private static void assertCorruptRegistration(String url, boolean unpacked) {
    String prefix =
        "cannot load model "
            + BROKEN
            + " from "
            + url
            + ": corrupt index archive: not a TorchScript archive: ";
    String suffix = ": no end of central directory record (truncated or not a zip file)";
    HttpResponse<String> r =
        send(
            server
                .request("/models?model_name=" + BROKEN + "&url=" + encode(url))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertError(
        r, 400, "BadRequestException", m -> m.startsWith(prefix) && m.endsWith(".pt" + suffix));
    String message =
        JsonParser.parseString(r.body()).getAsJsonObject().get("message").getAsString();
    Path pt = Path.of(message.substring(prefix.length(), message.length() - suffix.length()));
    if (unpacked) {
      Path copy = pt.getParent().getParent();
      assertTrue(copy.getFileName().toString().startsWith("linr-serving-"), message);
      assertFalse(Files.exists(copy), () -> "unpacked copy left behind: " + copy);
    } else {
      assertEquals(Path.of(URI.create(url)).resolve(pt.getFileName()), pt, message);
    }
  }

  /** A request line that is not HTTP, on a raw socket: 400, then the server closes. */
  private static void assertMalformedHttp() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("GET /ping HTTP/9.x\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      assertTrue(split > 0, () -> "no HTTP response: " + response);
      // The version could not be read, so the answer is HTTP/1.0, as Netty reads the request.
      assertTrue(response.matches("(?s)HTTP/1\\.[01] 400 .*"), response);
      assertErrorBody(
          response.substring(split + 4),
          400,
          "BadRequestException",
          m -> m.startsWith("Malformed HTTP request: Invalid version number"));
    }
  }

  /** Sends part or all of a request on a raw socket and closes it without reading. */
  private static void hangUp(String head, byte[] body) throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    }
  }

  private static String head(String path, int contentLength) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static Socket connect() throws IOException {
    URI base = URI.create(server.base());
    Socket s = new Socket();
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    s.setSoTimeout(30_000);
    return s;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static String withField(ExactQueries.Query q, String name, Object value) {
    JsonObject o = JsonParser.parseString(q.body()).getAsJsonObject();
    if (value instanceof Number n) {
      o.addProperty(name, n);
    } else {
      o.addProperty(name, (String) value);
    }
    return o.toString();
  }

  private static void assertError(
      HttpResponse<String> r, int status, String type, Predicate<String> message) {
    assertEquals(status, r.statusCode(), r::body);
    assertEquals(
        "application/json", r.headers().firstValue("content-type").orElse(null), "content type");
    assertErrorBody(r.body(), status, type, message);
  }

  private static void assertErrorBody(
      String body, int status, String type, Predicate<String> message) {
    JsonElement parsed = JsonParser.parseString(body);
    assertTrue(parsed.isJsonObject(), body);
    JsonObject e = parsed.getAsJsonObject();
    assertEquals(Set.of("code", "type", "message"), e.keySet(), body);
    assertEquals(status, e.get("code").getAsInt(), body);
    assertEquals(type, e.get("type").getAsString(), body);
    assertTrue(message.test(e.get("message").getAsString()), () -> "message of " + body);
  }

  private static HttpResponse<String> postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  private static HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        server
            .request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- the tests ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void abusiveRequestGetsItsStatusAndJsonErrorEveryTime(String kind) {
    long sent = SENT.getOrDefault(kind, new LongAdder()).sum();
    assertEquals(PHASES * PER_PHASE / ABUSES.size(), sent, 1, "requests of this kind");
    assertEquals(
        0, FAILED.getOrDefault(kind, new LongAdder()).sum(), () -> "first: " + REPORTS.get(kind));
  }

  @Test
  void tenThousandAbusiveRequestsWereSent() {
    assertEquals(
        PHASES * PER_PHASE, SENT.values().stream().mapToLong(LongAdder::sum).sum(), "bad requests");
  }

  @Test
  void goodRequestsBetweenAndAfterEveryPhaseAreExact() {
    assertEquals(PHASES * (PER_PHASE / GOOD_EVERY + SWEEP), GOOD.get(), "good requests sent");
    assertEquals(
        0,
        FAILED.getOrDefault(GOOD_KIND, new LongAdder()).sum(),
        () -> "first: " + REPORTS.get(GOOD_KIND));
  }

  @Test
  void onlyTheGoodModelIsRegisteredAndHealthy() {
    HttpResponse<String> ping = send(server.request("/ping").GET());
    assertEquals(200, ping.statusCode(), ping::body);
    assertEquals(
        JsonParser.parseString("{\"" + MODEL + "\": {\"status\": \"Healthy\"}}"),
        JsonParser.parseString(ping.body()));
    assertEquals(
        List.of(MODEL), server.server.models().list().stream().map(v -> v.name()).toList());
  }

  @Test
  void metricsCountEveryCompleteRequestWithItsStatus() {
    Map<String, Long> expected = new TreeMap<>();
    EXPECTED_COUNTS.forEach((k, v) -> expected.put(k, v.sum()));
    assertEquals(expected, counted(finalMetrics));
  }

  @Test
  void liveThreadsDoNotGrow() {
    Set<String> added = new TreeSet<>(end.threads());
    added.removeAll(early.threads());
    assertTrue(
        end.threads().size() <= early.threads().size() + THREAD_SLACK,
        () ->
            "threads grew from "
                + early.threads().size()
                + " to "
                + end.threads().size()
                + "; new: "
                + added);
  }

  @Test
  void usedHeapDoesNotGrow() {
    assertTrue(
        end.heapBytes() <= early.heapBytes() + HEAP_SLACK_BYTES,
        () -> "heap grew from " + early.heapBytes() + " to " + end.heapBytes() + " bytes");
  }

  @Test
  void openFilesDoNotGrow() {
    Assumptions.assumeTrue(early.openFiles() >= 0, "open file count not available here");
    // Sockets that clients closed are closed by the server asynchronously; wait for that, bounded.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long now = end.openFiles();
    while (now > early.openFiles() + FD_SLACK && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(10_000_000);
      now = openFiles();
    }
    long last = now;
    assertTrue(
        last <= early.openFiles() + FD_SLACK,
        () -> "open files grew from " + early.openFiles() + " to " + last);
  }
}
