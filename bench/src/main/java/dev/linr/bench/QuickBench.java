package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The quick benchmark developers run before closing performance work (under 5 minutes on 2 cores;
 * CI does not run it): a small index scenario (default 200k x 128 float32, dot: linr against the
 * plain-Java brute force and stock PyTorch where installed, B=1 and B=32), a small filtered
 * scenario (default 200k x 128 cosine: linr's automatic path against a plain-Java filtered brute
 * force at pass rates 1% and 0.1%, B=1 and B=32 with one filter or a filter per query, optionally
 * Lucene HNSW) and the fractions of the hardware limits ({@link HardwareLimits}). Writes {@code
 * quick-<items>-<dim>.{json,md}} and prints the summary table.
 *
 * <p>Run: {@code ./linr bench quick [--items N] [--dim D] [--filter-items N] [--queries Q]
 * [--repeats R] [--lucene] [--results DIR]}. {@code --lucene} adds Lucene's HNSW build, minutes at
 * 200k on 2 cores: use it with {@code --filter-items 50000}.
 */
public final class QuickBench {
  static final List<FilterCase> CASES = List.of(FilterCase.of(0.01), FilterCase.of(0.001));

  private QuickBench() {}

  /** linr's automatic path against the plain-Java filtered brute force (and Lucene, if asked). */
  static JsonObject filtered(int items, int dim, int queries, boolean lucene, Path work)
      throws Exception {
    JsonObject out = new JsonObject();
    out.addProperty("items", items);
    out.addProperty("dim", dim);
    out.addProperty("queries", queries);
    Files.createDirectories(work);
    log("the floor of an answer through a model");
    ModelCallFloor.measure(work).write(out);
    FilterCorpus corpus = FilterCorpus.generate(work, items, dim, queries);
    BuildResult built = FilterBench.buildLinr(corpus, work);
    out.addProperty("linr_build_s", built.elapsed().toMillis() / 1000.0);
    JsonArray rates = new JsonArray();
    int[][][] exact = new int[CASES.size()][][];
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      LinrFilterRuns runs = new LinrFilterRuns(index, corpus.queries, FilterBench.K);
      FilteredBruteForce brute = new FilteredBruteForce(corpus);
      for (int i = 0; i < CASES.size(); i++) {
        FilterCase c = CASES.get(i);
        log("filtered, pass rate " + c.label());
        LinrFilterRuns.Run linr = runs.run(c.linrFilter(), SearchPath.AUTO);
        exact[i] = linr.slots();
        int[][] java = new int[queries][];
        double javaMs =
            Timing.medianMs(queries, 2, q -> java[q] = brute.search(q, c, FilterBench.K));
        int agree = 0;
        for (int q = 0; q < queries; q++) {
          agree += Arrays.equals(java[q], linr.slots()[q]) ? 1 : 0;
        }
        JsonObject o = new JsonObject();
        o.addProperty("label", c.label());
        o.addProperty("pass_rate", c.passRate());
        o.addProperty("matched", linr.matched());
        JsonObject linrJson = linr.json();
        runs.addOwnFiltersQps(linrJson, c::filterFor, LinrFilterRuns.BATCH);
        o.add("linr", linrJson);
        o.addProperty("java_b1_ms", javaMs);
        o.addProperty("java_agrees", agree);
        o.addProperty("java_checked", queries);
        o.addProperty("linr_speedup_b1", javaMs / linr.b1Ms());
        rates.add(o);
      }
    }
    out.add("rates", rates);
    if (lucene) {
      log("building Lucene HNSW");
      try (LuceneHnsw hnsw = LuceneHnsw.build(corpus, work.resolve("lucene"))) {
        out.addProperty("lucene_build_s", hnsw.buildSeconds);
        LucenePeer peer = new LucenePeer(hnsw, corpus, FilterBench.K);
        for (int i = 0; i < CASES.size(); i++) {
          rates.get(i).getAsJsonObject().add("lucene", peer.measure(CASES.get(i), exact[i]));
        }
      }
    }
    return out;
  }

  /** The summary: the index table with its limits line, then the filtered table. */
  static String summary(JsonObject r) {
    StringBuilder sb = new StringBuilder("## Index\n\n");
    JsonObject index = r.getAsJsonObject("index");
    sb.append(Report.indexTable(index));
    sb.append(
        String.format(
            Locale.ROOT,
            "%n| hardware limit | measured | linr | fraction |%n|---|---|---|---|%n"
                + "| B=1: read bandwidth | %.1f GB/s | %.2f GB/s | %.0f%% |%n"
                + "| B=32: libtorch matmul through DJL | %.1f GFLOP/s | %.2f GFLOP/s | %.0f%% |%n",
            index.get("read_bandwidth_gb_per_s").getAsDouble(),
            index.get("linr_b1_gb_per_s").getAsDouble(),
            100 * index.get("linr_b1_fraction_of_bandwidth").getAsDouble(),
            index.get("matmul_b32_gflop_per_s").getAsDouble(),
            index.get("linr_b32_gflop_per_s").getAsDouble(),
            100 * index.get("linr_b32_fraction_of_matmul").getAsDouble()));
    JsonObject f = r.getAsJsonObject("filtered");
    sb.append(
        String.format(
            Locale.ROOT,
            "%n## Filtered%n%n%,d x %d float32, cosine, k = 10, %d queries,"
                + " filter `bucket < t`%n%n",
            f.get("items").getAsLong(),
            f.get("dim").getAsInt(),
            f.get("queries").getAsInt()));
    sb.append(
        "| pass rate | matched | linr B=1 ms (path) | plain-Java filtered B=1 ms | linr speedup"
            + " B=1 | linr B=32 q/s, one filter, 1 / 2 callers | linr B=32 q/s, a filter per"
            + " query, 1 / 2 callers | same top-10 as Java | Lucene HNSW B=1 ms | Lucene 2"
            + " threads q/s | Lucene recall@10 |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var e : f.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject linr = o.getAsJsonObject("linr");
      JsonObject lucene = o.has("lucene") ? o.getAsJsonObject("lucene") : null;
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.2f (%s) | %.2f | %.2fx | %s | %s | %d/%d | %s | %s | %s |%n",
              o.get("label").getAsString(),
              o.get("matched").getAsLong(),
              linr.get("b1_ms").getAsDouble(),
              linr.get("b1_ran").getAsString(),
              o.get("java_b1_ms").getAsDouble(),
              o.get("linr_speedup_b1").getAsDouble(),
              Report.callers(linr, "b32_qps"),
              Report.callers(linr, "own_filters_b32_qps"),
              o.get("java_agrees").getAsInt(),
              o.get("java_checked").getAsInt(),
              Report.figure(lucene, "b1_ms", "%.2f"),
              Report.figure(lucene, "qps_2_threads", "%,.0f"),
              Report.figure(lucene, "recall_at_10", "%.3f")));
    }
    floorLine(sb, f);
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%s; 1-minute load average %.1f at the start, %.1f at the end; %.0f s in all.%n",
            r.get("machine").getAsString(),
            r.get("load_average_start").getAsDouble(),
            r.get("load_average_end").getAsDouble(),
            r.get("elapsed_s").getAsDouble()));
    return sb.toString();
  }

  /**
   * The floor of an answer through a model ({@link ModelCallFloor}) and linr's B=1 time beyond it
   * at each pass rate, in small operators; nothing for results without the floor.
   */
  static void floorLine(StringBuilder sb, JsonObject filtered) {
    if (!ModelCallFloor.Floor.in(filtered)) {
      return;
    }
    ModelCallFloor.Floor floor = ModelCallFloor.Floor.read(filtered);
    List<String> beyond = new ArrayList<>();
    for (var e : filtered.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      beyond.add(
          String.format(
              Locale.ROOT,
              "%.0f at %s",
              floor.operatorsBeyond(1000 * o.getAsJsonObject("linr").get("b1_ms").getAsDouble()),
              o.get("label").getAsString()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nThe floor of an answer through a model: an empty model call through DJL %.1f us,"
                + " a small libtorch operator %.2f us more; linr's B=1 search beyond the floor, in"
                + " small operators: %s.%n",
            floor.callUs(),
            floor.operatorUs(),
            String.join(", ", beyond)));
  }

  private static void log(String message) {
    System.err.println("[quick bench] " + message);
  }

  /**
   * The command line: sizes, queries per filtered case, timed repeats per index measurement, the
   * Lucene peer and the results folder.
   */
  record Options(
      int items, int dim, int filterItems, int queries, int repeats, boolean lucene, Path results) {
    static final String USAGE =
        "./linr bench quick [--items N] [--dim D] [--filter-items N] [--queries Q] [--repeats R]"
            + " [--lucene] [--results DIR]";

    /**
     * Parses the arguments; defaults: 200,000 x 128 for both scenarios, 64 queries, 7 repeats, no
     * Lucene, {@code bench/results}.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    static Options parse(String[] args) {
      int items = 200_000;
      int dim = 128;
      int filterItems = 200_000;
      int queries = 64;
      int repeats = 7;
      boolean lucene = false;
      Path results = Path.of("bench", "results");
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--lucene")) {
          lucene = true;
          continue;
        }
        String value = OptionArgs.value(args, i++, USAGE);
        switch (option) {
          case "--items" -> items = OptionArgs.positive(option, value);
          case "--dim" -> dim = OptionArgs.positive(option, value);
          case "--filter-items" -> filterItems = OptionArgs.positive(option, value);
          case "--queries" -> queries = OptionArgs.positive(option, value);
          case "--repeats" -> repeats = OptionArgs.positive(option, value);
          default -> results = Path.of(value);
        }
      }
      OptionArgs.oneBatchOfQueries(queries);
      return new Options(items, dim, filterItems, queries, repeats, lucene, results);
    }
  }

  /** Entry point: see {@link Options#USAGE}. */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    int items = o.items();
    int dim = o.dim();
    Path results = o.results();
    long t0 = System.nanoTime();
    JsonObject out = new JsonObject();
    out.addProperty("date", LocalDate.now().toString());
    out.addProperty("machine", Machine.describe());
    out.addProperty("load_average_start", Machine.loadAverage());
    Path work = Files.createTempDirectory("linr-quick-bench-");
    try {
      log("index scenario, " + items + " x " + dim);
      out.add(
          "index",
          new IndexBench(items, dim, StorageType.FLOAT32, work.resolve("index"), o.repeats(), true)
              .run());
      log("filtered scenario, " + o.filterItems() + " x " + dim);
      out.add(
          "filtered",
          filtered(o.filterItems(), dim, o.queries(), o.lucene(), work.resolve("filtered")));
    } finally {
      dev.linr.archive.FileTrees.deleteTree(work);
    }
    out.addProperty("load_average_end", Machine.loadAverage());
    out.addProperty("elapsed_s", (System.nanoTime() - t0) / 1e9);
    String table = summary(out);
    String base = String.format(Locale.ROOT, "quick-%d-%d", items, dim);
    ResultFiles.write(results, base, out, table);
  }
}
