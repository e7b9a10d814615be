package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live-updates benchmark, on one machine in one run:
 *
 * <ol>
 *   <li>Query latency under updates: a linr server in its own process ({@link ServerProcess})
 *       serves an N x d index (default 1M x 128 float32, the serving benchmark's) durably ({@code
 *       index_data_dir}: every update batch is logged and forced to disk before it is answered).
 *       {@code C} closed-loop query clients ({@link ClosedLoop}, B = 1, no dynamic batching) run
 *       against an open-loop updater ({@link OpenLoop}) posting batches of {@link UpdateStream}
 *       (rewrites, new ids, deletes) at each target rate of item updates per second, 0 first (the
 *       baseline). Each cell records the update rate achieved, the update requests' latency, the
 *       queries' rate and p50/p99 latency, and the p99 against the baseline's (the goal: under 5%
 *       more at 10,000 updates/s).
 *   <li>Sustained maximum: closed-loop updaters posting as fast as the server answers, with the
 *       same query clients running.
 *   <li>Restart: a new server process on the same data folder, timed to {@code /ping} and to the
 *       index registered again (snapshot 0 plus the log of the cells); then, with that server
 *       stopped, the data folder reopened in process ({@link DurableRestart}): snapshot write,
 *       snapshot load, and the replay of a log of {@code --restart-updates} item updates.
 * </ol>
 *
 * <p>Checks: every request must be 200 and every update applied (a delete may miss ids it targets
 * before they exist); sampled query answers during every cell, from the restarted server and after
 * every reopen must equal a direct {@link LinrIndex} search of the index as built (the update
 * stream never changes them, see {@link UpdateStream}); the item count of the server after the
 * runs, of the restarted server and of every reopened index must equal the count the updates'
 * answers imply. Periodic snapshots and expiry sweeps are off during the load cells (their cost is
 * the restart part's). Writes {@code updates-<items>-<dim>.{json,md,png}} to {@code
 * bench/results/}.
 *
 * <p>Run: {@code ./linr bench updates [--items N] [--dim D] [--duration S] [--rates 0,1000,10000]
 * [--batch B] [--concurrency C]}; for development {@code ./linr bench updates --items 50000
 * --duration 5}.
 */
public final class UpdatesBench {
  static final String INDEX = ServeStore.INDEX;
  private static final long STREAM_SEED = 11;

  private final Options o;
  private final Path work;

  private UpdatesBench(Options o, Path work) {
    this.o = o;
    this.work = work;
  }

  /** The command line, parsed strictly. */
  record Options(
      long items,
      int dim,
      int duration,
      int warmup,
      int[] rates,
      int batch,
      int concurrency,
      int updaters,
      int senders,
      int restartUpdates,
      int queries,
      int k,
      Path results) {
    static final String USAGE =
        "./linr bench updates [--items N] [--dim D] [--duration S] [--warmup S]"
            + " [--rates 0,1000,10000] [--batch B] [--concurrency C] [--updaters U] [--senders S]"
            + " [--restart-updates K] [--queries Q] [--results DIR]";

    static Options parse(String[] args) {
      Map<String, String> given = OptionArgs.given(args, USAGE);
      int[] rates = OptionArgs.list(given, "--rates", new int[] {0, 1000, 10_000}, 0, 10_000_000);
      if (Arrays.stream(rates).noneMatch(r -> r == 0)) {
        throw new IllegalArgumentException(
            "--rates must include 0 (the baseline without updates), got: "
                + String.join(",", Arrays.stream(rates).mapToObj(Integer::toString).toList()));
      }
      return new Options(
          OptionArgs.number(given, "--items", 1_000_000, 1000, Integer.MAX_VALUE),
          (int) OptionArgs.number(given, "--dim", 128, 1, 65_536),
          (int) OptionArgs.number(given, "--duration", 30, 1, 3600),
          (int) OptionArgs.number(given, "--warmup", 3, 0, 3600),
          rates,
          (int) OptionArgs.number(given, "--batch", 100, 1, 10_000),
          (int) OptionArgs.number(given, "--concurrency", 8, 1, 4096),
          (int) OptionArgs.number(given, "--updaters", 4, 1, 256),
          (int) OptionArgs.number(given, "--senders", 8, 1, 256),
          (int) OptionArgs.number(given, "--restart-updates", 100_000, 1, 100_000_000),
          (int) OptionArgs.number(given, "--queries", 64, ServeBench.SAMPLES, 100_000),
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
    out.addProperty("concurrency", o.concurrency());
    out.addProperty("batch", o.batch());
    out.addProperty("updaters", o.updaters());
    out.addProperty("senders", o.senders());
    out.addProperty("duration_s", o.duration());
    out.addProperty("warmup_s", o.warmup());
    out.addProperty("load_average_start", Machine.loadAverage());
    out.addProperty(
        "jvm_options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));

    DemoCorpus corpus = ServeStore.corpus(o.dim());
    long capacity = o.items() + Math.max(o.items() / 10, 2L * (UpdateStream.LAG + 8) * o.batch());
    log(String.format(Locale.ROOT, "building the index (%,d x %d)", o.items(), o.dim()));
    Path archive = work.resolve("store").resolve(INDEX);
    Files.createDirectories(archive.getParent());
    BuildResult built = ServeStore.buildIndex(archive, work, corpus, o.items(), capacity);
    out.addProperty("build_s", built.elapsed().toMillis() / 1000.0);
    out.addProperty("capacity", capacity);

    float[][] queries = new float[o.queries()][];
    byte[][] bodies = new byte[o.queries()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = corpus.queryNear(i % 64, 1000 + i);
      bodies[i] = ServeStore.body(queries[i], o.k(), null);
    }
    List<SearchResponse> direct = directAnswers(archive, queries);
    AnswerCheck reference = new AnswerCheck(direct);
    double epsilon = epsilon(direct, queries);
    Set<Long> protectedIds = new HashSet<>();
    direct.forEach(r -> r.hits().forEach(h -> protectedIds.add((Long) h.id())));
    UpdateStream stream =
        new UpdateStream(o.items(), o.dim(), o.batch(), protectedIds, epsilon, STREAM_SEED);
    out.addProperty("update_vector_norm", epsilon);
    AtomicLong nextRequest = new AtomicLong();
    UpdateTally all = new UpdateTally();

    Path data = work.resolve("data");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("index_data_dir", data.toString());
    settings.put("snapshot_interval_seconds", "0");
    settings.put("expiry_sweep_seconds", "0");
    settings.put("batch_size", "1");
    settings.put("job_queue_size", "1000");
    Path config = ServerProcess.writeConfig(work.resolve("config.properties"), settings);
    log("starting the server process");
    try (ServerProcess server = ServerProcess.start(config, work.resolve("server.log"));
        HttpLoad http = new HttpLoad(server.url())) {
      log("server pid " + server.pid() + " listening on " + server.url());
      try {
        long t0 = System.nanoTime();
        http.register(archive.toUri().toString(), INDEX, Map.of());
        out.addProperty("first_register_s", (System.nanoTime() - t0) / 1e9);
        log(
            String.format(
                Locale.ROOT,
                "registered %s durably (snapshot 0 written) in %.1f s",
                INDEX,
                (System.nanoTime() - t0) / 1e9));
        checkItems(http, o.items(), "before the updates");
        UpdateCells cells = new UpdateCells(o, http, bodies, reference, stream, nextRequest, all);
        JsonArray array = new JsonArray();
        for (int rate : o.rates()) {
          array.add(rate == 0 ? cells.baseline() : cells.atRate(rate));
        }
        array.add(cells.sustained());
        out.add("cells", array);
        JsonObject status = checkItems(http, all.expectedItems(o.items()), "after the load runs");
        out.add("status_after_runs", status);
      } catch (Exception | Error e) {
        log("failed; the server's log ends:\n" + server.logTail());
        throw e;
      }
    }
    out.add("updates", all.json());
    ratios(out);
    out.add(
        "server_restart",
        serverRestart(config, bodies, reference.fresh(), all.expectedItems(o.items())));
    log("server stopped; reopening its data folder in process");
    DurableRestart restart =
        new DurableRestart(data.resolve(INDEX), queries, o.k(), reference.fresh(), o.items(), all);
    out.add("restart", restart.run(stream, nextRequest, o.restartUpdates()));
    out.addProperty("load_average_end", Machine.loadAverage());
    return out;
  }

  /**
   * Starts a new server on the same configuration and data folder and registers the index again:
   * the served restart (process start to {@code /ping}, then the registration, which recovers
   * snapshot 0 plus the whole log of the cells). The recovered index must hold {@code expected}
   * items and answer the sampled queries as built.
   */
  private JsonObject serverRestart(Path config, byte[][] bodies, AnswerCheck check, long expected)
      throws Exception {
    log("restarting the server on the same data folder");
    JsonObject out = new JsonObject();
    long t0 = System.nanoTime();
    try (ServerProcess server = ServerProcess.start(config, work.resolve("server-restart.log"));
        HttpLoad http = new HttpLoad(server.url())) {
      try {
        out.addProperty("start_to_ping_s", (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        http.register(work.resolve("store").resolve(INDEX).toUri().toString(), INDEX, Map.of());
        out.addProperty("register_s", (System.nanoTime() - t1) / 1e9);
        JsonObject status = checkItems(http, expected, "after a server restart");
        out.add("status", status);
        for (int q = 0; q < ServeBench.SAMPLES; q++) {
          check.index(q, http.postJson("/predictions/" + INDEX, bodies[q]));
        }
        out.add("answers", check.json());
      } catch (Exception | Error e) {
        log("failed; the restarted server's log ends:\n" + server.logTail());
        throw e;
      }
    }
    log(
        String.format(
            Locale.ROOT,
            "restarted server: /ping after %.1f s, index recovered in %.1f s more; answers %s",
            out.get("start_to_ping_s").getAsDouble(),
            out.get("register_s").getAsDouble(),
            ServeReport.agree(out)));
    return out;
  }

  /** The server's {@code GET /indexes/posts}, whose item count must be {@code expected}. */
  private static JsonObject checkItems(HttpLoad http, long expected, String when) throws Exception {
    JsonObject status = JsonParser.parseString(http.get("/indexes/" + INDEX)).getAsJsonObject();
    long items = status.get("items").getAsLong();
    if (items != expected) {
      throw new IllegalStateException(
          "the served index holds " + items + " items " + when + "; the updates leave " + expected);
    }
    log("the served index holds " + items + " items " + when + ", as the updates' answers imply");
    return status;
  }

  /** Each cell's query p99 over the baseline's, and the baseline itself. */
  private static void ratios(JsonObject out) {
    double baseline = Double.NaN;
    for (var e : out.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      if (c.get("load").getAsString().equals("rate")
          && c.get("target_updates_per_s").getAsInt() == 0) {
        baseline = c.getAsJsonObject("queries").get("p99_ms").getAsDouble();
      }
    }
    out.addProperty("baseline_query_p99_ms", baseline);
    for (var e : out.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      c.addProperty(
          "query_p99_ratio", c.getAsJsonObject("queries").get("p99_ms").getAsDouble() / baseline);
    }
  }

  private List<SearchResponse> directAnswers(Path archive, float[][] queries) throws IOException {
    log("direct answers to " + ServeBench.SAMPLES + " sampled queries (LinrIndex)");
    List<SearchResponse> answers = new ArrayList<>();
    try (LinrIndex index = LinrIndex.open(archive)) {
      for (int q = 0; q < ServeBench.SAMPLES; q++) {
        answers.add(
            index.search(SearchRequest.builder().setVector(queries[q]).optK(o.k()).build()));
      }
    }
    return answers;
  }

  /**
   * The norm of the updates' vectors: half the smallest k-th reference score over the query's norm,
   * so that no updated item can score as high as any sampled query's k-th hit.
   */
  private double epsilon(List<SearchResponse> answers, float[][] queries) {
    double epsilon = Double.MAX_VALUE;
    for (int q = 0; q < answers.size(); q++) {
      List<Hit> hits = answers.get(q).hits();
      if (hits.size() != o.k() || hits.get(hits.size() - 1).score() <= 0) {
        throw new IllegalStateException(
            "sampled query "
                + q
                + " needs "
                + o.k()
                + " hits with positive scores to bound the updates' vectors, got "
                + hits);
      }
      double norm = 0;
      for (float x : queries[q]) {
        norm += (double) x * x;
      }
      epsilon = Math.min(epsilon, 0.5 * hits.get(hits.size() - 1).score() / Math.sqrt(norm));
    }
    return epsilon;
  }

  static void log(String message) {
    System.err.println("[updates bench] " + message);
  }

  /**
   * Runs the benchmark in a temporary folder (deleted afterwards) and writes its results.
   *
   * @return the results, also written to {@code <results>/updates-<items>-<dim>.{json,md,png}}
   */
  static JsonObject runAndWrite(Options options) throws Exception {
    Path work = Files.createTempDirectory("linr-updates-bench-");
    JsonObject out;
    try {
      out = new UpdatesBench(options, work).run();
    } finally {
      FileTrees.deleteTree(work);
    }
    write(out, options.results());
    return out;
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
    JsonObject out = runAndWrite(options);
    String disagreement = UpdatesReport.disagreement(out);
    if (disagreement != null) {
      System.err.println("[updates bench] ANSWERS DISAGREE: " + disagreement);
      System.exit(1);
    }
  }

  private static void write(JsonObject out, Path results) throws IOException {
    String base =
        String.format(
            Locale.ROOT, "updates-%d-%d", out.get("items").getAsLong(), out.get("dim").getAsInt());
    ResultFiles.write(
        results, base, out, UpdatesReport.tables(out), png -> UpdatesChart.write(out, png));
  }
}
