package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.archive.FileTrees;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The serving benchmark, on one machine in one run:
 *
 * <ol>
 *   <li>HTTP end to end: a linr server in its own process serves an N x d index (default 1M x 128
 *       float32), and a closed-loop load generator ({@link ClosedLoop}, {@link HttpLoad}) measures
 *       queries/s, p50 and p99 latency at client concurrency 1, 8 and 64, without dynamic batching
 *       ({@code batch_size} 1) and with it ({@code batch_size} 32, {@code max_batch_delay} 5 ms).
 *   <li>The server's overhead: the same queries at the same concurrency through the same model
 *       queue, batching and in-process index, minus HTTP ({@link InProcessModel}); the ratio of
 *       queries/s HTTP / direct.
 *   <li>Workflow against fused model: the shipped feed workflow (retrieve the top 100, rank them
 *       with the ONNX ranker, answer the top 10) against the fused TorchScript model doing the same
 *       in one graph, both over HTTP at concurrency 1 and 8.
 * </ol>
 *
 * <p>Every answer must be 200; sampled index answers are compared with a direct {@link LinrIndex}
 * search, and the workflow's answers with the fused model's. Writes {@code
 * serve-<items>-<dim>.{json,md,png}} to {@code bench/results/}.
 *
 * <p>Run: {@code ./linr bench serve [--items N] [--dim D] [--duration S]}; for development {@code
 * ./linr bench serve --items 100000 --duration 5}.
 */
public final class ServeBench {
  /** Queries whose answers are compared with a direct search. */
  static final int SAMPLES = 16;

  private final Options o;
  private final Path work;

  private ServeBench(Options o, Path work) {
    this.o = o;
    this.work = work;
  }

  /** The command line, parsed strictly. */
  record Options(
      long items,
      int dim,
      int duration,
      int warmup,
      int queries,
      int batchSize,
      int maxBatchDelay,
      int maxWorkers,
      int[] concurrency,
      int[] feedConcurrency,
      int k,
      int candidates,
      int n,
      Path results) {
    static final String USAGE =
        "./linr bench serve [--items N] [--dim D] [--duration S] [--warmup S] [--queries Q]"
            + " [--batch-size B] [--max-batch-delay MS] [--max-workers W] [--concurrency 1,8,64]"
            + " [--feed-concurrency 1,8] [--results DIR]";

    static Options parse(String[] args) {
      Map<String, String> given = OptionArgs.given(args, USAGE);
      long items = OptionArgs.number(given, "--items", 1_000_000, 1, Integer.MAX_VALUE);
      if (items < 100) {
        throw new IllegalArgumentException(
            "--items must be at least 100 (the workflow retrieves 100 candidates), got: " + items);
      }
      return new Options(
          items,
          (int) OptionArgs.number(given, "--dim", 128, 1, 65_536),
          (int) OptionArgs.number(given, "--duration", 20, 1, 3600),
          (int) OptionArgs.number(given, "--warmup", 3, 0, 3600),
          (int) OptionArgs.number(given, "--queries", 256, SAMPLES, 1_000_000),
          (int) OptionArgs.number(given, "--batch-size", 32, 2, 1024),
          (int) OptionArgs.number(given, "--max-batch-delay", 5, 0, 10_000),
          (int) OptionArgs.number(given, "--max-workers", 0, 0, 1024),
          OptionArgs.list(given, "--concurrency", new int[] {1, 8, 64}, 1, 4096),
          OptionArgs.list(given, "--feed-concurrency", new int[] {1, 8}, 1, 4096),
          10,
          100,
          10,
          OptionArgs.path(given, "--results", Path.of("bench", "results")));
    }
  }

  JsonObject run() throws Exception {
    JsonObject out = new JsonObject();
    out.addProperty("date", LocalDate.now().toString());
    out.addProperty("machine", Machine.describe());
    out.addProperty("items", o.items());
    out.addProperty("dim", o.dim());
    out.addProperty("dtype", "float32");
    out.addProperty("metric", "dot");
    out.addProperty("k", o.k());
    out.addProperty("queries", o.queries());
    out.addProperty("duration_s", o.duration());
    out.addProperty("warmup_s", o.warmup());
    out.addProperty("batch_size", o.batchSize());
    out.addProperty("max_batch_delay_ms", o.maxBatchDelay());
    out.addProperty(
        "index_max_workers",
        o.maxWorkers() > 0
            ? Integer.toString(o.maxWorkers())
            : "default (" + Runtime.getRuntime().availableProcessors() + " on this CPU)");
    out.addProperty("load_average_start", Machine.loadAverage());
    out.addProperty("jvm_options", String.join(" ", jvmOptions()));

    log(String.format(Locale.ROOT, "building the model store (%,d x %d)", o.items(), o.dim()));
    ServeStore store =
        ServeStore.build(
            work.resolve("store"),
            work,
            o.items(),
            o.dim(),
            o.queries(),
            o.k(),
            o.candidates(),
            o.n());
    out.addProperty("build_s", store.buildSeconds());
    out.addProperty("fuse_s", store.fuseSeconds());
    AnswerCheck reference = new AnswerCheck(directAnswers(store));

    Path config = writeConfig();
    log("starting the server process");
    try (ServerProcess server = ServerProcess.start(config, work.resolve("server.log"));
        HttpLoad http = new HttpLoad(server.url())) {
      log("server pid " + server.pid() + " listening on " + server.url());
      try {
        JsonArray index = new JsonArray();
        for (int batch : new int[] {1, o.batchSize()}) {
          indexPolicy(http, store, reference, batch, index);
        }
        out.add("index", index);
        feed(http, store, out);
      } catch (Exception | Error e) {
        log("failed; the server's log ends:\n" + server.logTail());
        throw e;
      }
    }
    out.addProperty("load_average_end", Machine.loadAverage());
    return out;
  }

  /** The answers of a plain in-process search to the sampled queries. */
  private List<SearchResponse> directAnswers(ServeStore store) throws IOException {
    log("direct answers to " + SAMPLES + " sampled queries (LinrIndex)");
    List<SearchResponse> answers = new ArrayList<>();
    try (LinrIndex index = LinrIndex.open(store.index())) {
      for (int q = 0; q < SAMPLES; q++) {
        answers.add(
            index.search(
                SearchRequest.builder().setVector(store.queries()[q]).optK(o.k()).build()));
      }
    }
    return answers;
  }

  private Path writeConfig() throws IOException {
    // One port for inference and management; nothing loaded at start: the benchmark registers
    // each model with its batching settings through the management API. The defaults are what the
    // workflow's models and the fused model get: no batching.
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("batch_size", "1");
    settings.put("job_queue_size", "1000");
    return ServerProcess.writeConfig(work.resolve("config.properties"), settings);
  }

  /** One batching policy: HTTP and direct at each concurrency, interleaved. */
  private void indexPolicy(
      HttpLoad http, ServeStore store, AnswerCheck reference, int batch, JsonArray into)
      throws Exception {
    String name = ServeStore.INDEX + "_b" + batch;
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("batch_size", Integer.toString(batch));
    settings.put("max_batch_delay", Integer.toString(o.maxBatchDelay()));
    if (o.maxWorkers() > 0) {
      settings.put("maxWorkers", Integer.toString(o.maxWorkers()));
    }
    log("registering " + name + " " + settings + " in the server and in process");
    http.register(store.index().toUri().toString(), name, settings);
    String path = "/predictions/" + name;
    byte[][] bodies = store.indexBodies();
    try (InProcessModel direct = new InProcessModel(store.index(), name, settings)) {
      for (int c : o.concurrency()) {
        JsonObject cell = new JsonObject();
        cell.addProperty("batch_size", batch);
        cell.addProperty("max_batch_delay_ms", batch == 1 ? 0 : o.maxBatchDelay());
        cell.addProperty("concurrency", c);
        AnswerCheck httpCheck = reference.fresh();
        ModelCounters serverBefore = serverCounters(http, name);
        LoadResult viaHttp =
            load(
                "http-" + name + "-c" + c,
                c,
                i -> {
                  int q = i % bodies.length;
                  httpCheck.index(q, http.postJson(path, bodies[q]));
                });
        ModelCounters serverRun = serverCounters(http, name).since(serverBefore);
        AnswerCheck directCheck = reference.fresh();
        ModelCounters directBefore = direct.counters();
        LoadResult viaDirect =
            load(
                "direct-" + name + "-c" + c,
                c,
                i -> {
                  int q = i % bodies.length;
                  directCheck.index(q, direct.call(bodies[q]));
                });
        ModelCounters directRun = direct.counters().since(directBefore);
        cell.add("http", side(viaHttp, httpCheck, serverRun));
        cell.add("direct", side(viaDirect, directCheck, directRun));
        double ratio = viaHttp.qps() / viaDirect.qps();
        cell.addProperty("qps_ratio_http_over_direct", ratio);
        cell.addProperty("overhead_pct", 100 * (1 - ratio));
        into.add(cell);
        log(
            String.format(
                Locale.ROOT,
                "%s c=%d: HTTP %.1f q/s (p50 %.1f, p99 %.1f ms), direct %.1f q/s (p50 %.1f, p99"
                    + " %.1f ms), HTTP/direct %.3f; jobs per batch %.1f / %.1f; answers checked"
                    + " %d + %d",
                name,
                c,
                viaHttp.qps(),
                viaHttp.p50Ms(),
                viaHttp.p99Ms(),
                viaDirect.qps(),
                viaDirect.p50Ms(),
                viaDirect.p99Ms(),
                ratio,
                serverRun.meanBatchSize(),
                directRun.meanBatchSize(),
                httpCheck.checked(),
                directCheck.checked()));
      }
    } finally {
      http.delete("/models/" + name);
    }
  }

  /** The feed workflow against the fused model, over HTTP. */
  private void feed(HttpLoad http, ServeStore store, JsonObject out) throws Exception {
    log("registering the feed workflow and the fused model " + ServeStore.FUSED);
    http.post(HttpLoad.query("/workflows", Map.of("url", store.workflow().toUri().toString())));
    http.register(store.fused().toUri().toString(), ServeStore.FUSED, Map.of());
    String workflowPath = "/predictions/feed";
    String fusedPath = "/predictions/" + ServeStore.FUSED;
    byte[][] bodies = store.feedBodies();
    try {
      AnswerCheck agree = new AnswerCheck(List.of());
      for (int q = 0; q < SAMPLES; q++) {
        agree.ranked(
            q, http.postJson(fusedPath, bodies[q]), http.postJson(workflowPath, bodies[q]));
      }
      out.add("feed_vs_fused_answers", agree.json());
      log("workflow and fused answers agree on " + agree.agreed() + "/" + agree.checked());
      JsonArray cells = new JsonArray();
      for (int c : o.feedConcurrency()) {
        ModelCounters workflowBefore = serverCounters(http, "feed");
        LoadResult workflow =
            load("http-feed-c" + c, c, i -> http.postJson(workflowPath, bodies[i % bodies.length]));
        ModelCounters workflowRun = serverCounters(http, "feed").since(workflowBefore);
        ModelCounters fusedBefore = serverCounters(http, ServeStore.FUSED);
        LoadResult fused =
            load("http-fused-c" + c, c, i -> http.postJson(fusedPath, bodies[i % bodies.length]));
        ModelCounters fusedRun = serverCounters(http, ServeStore.FUSED).since(fusedBefore);
        JsonObject cell = new JsonObject();
        cell.addProperty("concurrency", c);
        JsonObject w = workflow.json();
        w.add("server", workflowRun.json());
        cell.add("workflow", w);
        JsonObject f = fused.json();
        f.add("server", fusedRun.json());
        cell.add("fused", f);
        cells.add(cell);
        log(
            String.format(
                Locale.ROOT,
                "feed c=%d: workflow %.1f q/s (p50 %.1f, p99 %.1f ms), fused %.1f q/s (p50 %.1f,"
                    + " p99 %.1f ms)",
                c,
                workflow.qps(),
                workflow.p50Ms(),
                workflow.p99Ms(),
                fused.qps(),
                fused.p50Ms(),
                fused.p99Ms()));
      }
      out.add("feed", cells);
    } finally {
      http.delete("/workflows/feed");
      http.delete("/models/" + ServeStore.FUSED);
    }
  }

  private LoadResult load(String name, int concurrency, Timing.IndexedAction call)
      throws Exception {
    return ClosedLoop.run(
        name, concurrency, Duration.ofSeconds(o.warmup()), Duration.ofSeconds(o.duration()), call);
  }

  private static JsonObject side(LoadResult r, AnswerCheck check, ModelCounters counters) {
    JsonObject j = r.json();
    j.add("answers", check.json());
    j.add("server", counters.json());
    return j;
  }

  private static ModelCounters serverCounters(HttpLoad http, String model) throws Exception {
    return ModelCounters.read(http.get("/server/metrics"), model);
  }

  private static List<String> jvmOptions() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  static void log(String message) {
    System.err.println("[serve bench] " + message);
  }

  /** Entry point; see {@link Options#USAGE}. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("linr-serve-bench-");
    JsonObject out;
    try {
      out = new ServeBench(options, work).run();
    } finally {
      FileTrees.deleteTree(work);
    }
    String disagreement = ServeReport.disagreement(out);
    write(out, options.results());
    if (disagreement != null) {
      System.err.println("[serve bench] ANSWERS DISAGREE: " + disagreement);
      System.exit(1);
    }
  }

  private static void write(JsonObject out, Path results) throws IOException {
    String base =
        String.format(
            Locale.ROOT, "serve-%d-%d", out.get("items").getAsLong(), out.get("dim").getAsInt());
    ResultFiles.write(
        results, base, out, ServeReport.tables(out), png -> ServeChart.write(out, png));
  }
}
