package dev.linr.bench;

import static java.util.Collections.nCopies;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.archive.FileTrees;
import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.StorageType;
import dev.linr.translate.CompiledFilters;
import dev.linr.translate.SearchPath;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dataset benchmark: for each filter of a dataset ({@link SyntheticCorpus} or {@link
 * FashionMnist}), linr (exact; automatic path, B=1 latency and B=32 throughput), a plain-Java brute
 * force (identical ids), Lucene HNSW with the same filter (latency, 2-thread throughput, recall@10
 * against linr) and post-filtering an unfiltered top-k' (recall); and stock PyTorch running the
 * same archive on the first 8 queries of every filter, with the filter programs linr's translator
 * compiles (identical slots), where {@code /usr/bin/python3} has torch. Writes {@code
 * datasets-<dataset>-<items>-<dim>.{json,md,png}}.
 *
 * <p>Run: see {@link Options#USAGE}.
 */
public final class DatasetBench {
  static final int K = FilterBench.K;
  private static final int[] K_PRIMES = {100, 1000};

  /** Queries per filter that stock PyTorch answers (as one batch) for the comparison. */
  private static final int TORCH_QUERIES = 8;

  /** Builds at least this large print a progress bar. */
  private static final int PROGRESS_ITEMS = 200_000;

  private final Dataset data;
  private final Options options;
  private final Path work;

  private DatasetBench(Dataset data, Options options, Path work) {
    this.data = data;
    this.options = options;
    this.work = work;
  }

  /**
   * The command line.
   *
   * @param dataset "synthetic" or "fashion-mnist"
   * @param items items (synthetic; for Fashion-MNIST the first N training images, 0 for all)
   * @param dim the synthetic vector dimension
   * @param queries queries per filter
   * @param checks queries per filter checked against the plain-Java brute force
   * @param seed the synthetic corpus's seed
   * @param fashionDir the folder of the Fashion-MNIST IDX files
   * @param lucene whether to run Lucene HNSW
   * @param torch whether to run stock PyTorch (where installed)
   * @param results the results folder
   */
  record Options(
      String dataset,
      int items,
      int dim,
      int queries,
      int checks,
      long seed,
      Path fashionDir,
      boolean lucene,
      boolean torch,
      Path results) {
    static final String USAGE =
        "./linr bench datasets [--dataset synthetic|fashion-mnist] [--items N] [--dim D]"
            + " [--queries Q] [--checks C] [--seed S] [--fashion-dir DIR] [--no-lucene]"
            + " [--no-torch] [--results DIR]";

    static final List<String> DATASETS = List.of("synthetic", "fashion-mnist");

    /**
     * Parses the arguments; defaults: synthetic, 100,000 items (Fashion-MNIST: all 60,000), d =
     * 128, 200 queries, every query checked, seed 7, {@link FashionMnist#DEBIAN_DIR}, Lucene and
     * PyTorch on, {@code bench/results}.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    static Options parse(String[] args) {
      String dataset = "synthetic";
      Integer items = null;
      Integer dim = null;
      int queries = 200;
      Integer checks = null;
      long seed = 7;
      Path fashionDir = FashionMnist.DEBIAN_DIR;
      boolean lucene = true;
      boolean torch = true;
      Path results = Path.of("bench", "results");
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--no-lucene")) {
          lucene = false;
          continue;
        }
        if (option.equals("--no-torch")) {
          torch = false;
          continue;
        }
        String value = OptionArgs.value(args, i++, USAGE);
        switch (option) {
          case "--dataset" -> {
            if (!DATASETS.contains(value)) {
              throw new IllegalArgumentException(
                  "--dataset must be one of " + DATASETS + ", got: " + value);
            }
            dataset = value;
          }
          case "--items" -> items = OptionArgs.positive(option, value);
          case "--dim" -> dim = OptionArgs.positive(option, value);
          case "--queries" -> queries = OptionArgs.positive(option, value);
          case "--checks" -> checks = OptionArgs.positive(option, value);
          case "--seed" -> seed = OptionArgs.positive(option, value);
          case "--fashion-dir" -> fashionDir = Path.of(value);
          default -> results = Path.of(value);
        }
      }
      OptionArgs.oneBatchOfQueries(queries);
      boolean fashion = dataset.equals("fashion-mnist");
      if (fashion && dim != null) {
        throw new IllegalArgumentException("--dim applies to the synthetic dataset only");
      }
      return new Options(
          dataset,
          items != null ? items : fashion ? 0 : 100_000,
          dim != null ? dim : 128,
          queries,
          checks != null ? Math.min(checks, queries) : queries,
          seed,
          fashionDir,
          lucene,
          torch,
          results);
    }
  }

  /** Loads or generates the dataset named by {@code options} into {@code work}. */
  static Dataset load(Options options, Path work) throws Exception {
    if (options.dataset().equals("fashion-mnist")) {
      return FashionMnist.load(options.fashionDir(), work, options.items(), options.queries());
    }
    return SyntheticCorpus.generate(
            work, options.items(), options.dim(), options.queries(), options.seed())
        .dataset();
  }

  /** Runs every peer on every filter; adds the results to {@code out}. */
  JsonObject run(JsonObject out) throws Exception {
    JsonArray filters = new JsonArray();
    for (DatasetFilter f : data.filters()) {
      JsonObject o = new JsonObject();
      long passing = f.count(data.items());
      o.addProperty("filter", f.label());
      o.addProperty("passing", passing);
      o.addProperty("pass_rate", (double) passing / data.items());
      filters.add(o);
    }
    out.add("rates", filters);
    BuildResult built = buildLinr();
    out.addProperty("linr_build_s", built.elapsed().toMillis() / 1000.0);
    out.addProperty("model_bytes", built.modelBytes());
    int[][][] exact = new int[data.filters().size()][][];
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      LinrFilterRuns runs = new LinrFilterRuns(index, data.queries(), K);
      FilteredBruteForce brute = data.bruteForce();
      float[][] scored = data.scoredQueries();
      for (int i = 0; i < exact.length; i++) {
        exact[i] = linrAndBruteForce(runs, brute, scored, i, filters.get(i).getAsJsonObject());
      }
      postFilter(runs, filters, exact);
      if (options.torch()) {
        torch(built, index, runs, exact, out);
      }
    }
    if (options.lucene()) {
      lucene(filters, exact, out);
    }
    return out;
  }

  /**
   * Times linr on filter {@code i} and checks its answers against the brute force; records both in
   * {@code o} and returns linr's answers (slots per query).
   */
  private int[][] linrAndBruteForce(
      LinrFilterRuns runs, FilteredBruteForce brute, float[][] scored, int i, JsonObject o)
      throws Exception {
    DatasetFilter f = data.filters().get(i);
    log("linr and the brute force on " + f.label());
    LinrFilterRuns.Run linr = runs.run(f.linr(), SearchPath.AUTO);
    JsonObject l = new JsonObject();
    l.add("auto", linr.json());
    o.add("linr", l);
    o.addProperty("matched", linr.matched());
    int[][] java = new int[options.checks()][];
    double javaMs =
        Timing.medianMs(java.length, 0, q -> java[q] = brute.search(scored[q], f.passes(), K));
    int agree = 0;
    for (int q = 0; q < java.length; q++) {
      agree += Arrays.equals(java[q], linr.slots()[q]) ? 1 : 0;
    }
    o.addProperty("brute_force_b1_ms", javaMs);
    o.addProperty("brute_force_checked", java.length);
    o.addProperty("brute_force_agrees", agree);
    return linr.slots();
  }

  private BuildResult buildLinr() throws Exception {
    log("building the linr index (" + data.metric().name().toLowerCase(Locale.ROOT) + ", float32)");
    return BenchBuilds.builder(
            data.npy(),
            data.metadata(),
            work.resolve("index"),
            data.metric(),
            StorageType.FLOAT32,
            data.items(),
            PROGRESS_ITEMS)
        .optOverwrite(true)
        .build()
        .run();
  }

  private void postFilter(LinrFilterRuns runs, JsonArray filters, int[][][] exact) {
    log("post-filter peer");
    for (int kPrime : K_PRIMES) {
      int[][] unfiltered = runs.unfiltered(kPrime);
      for (int i = 0; i < filters.size(); i++) {
        DatasetFilter f = data.filters().get(i);
        JsonObject o = filters.get(i).getAsJsonObject();
        int[][] found = new int[unfiltered.length][];
        for (int q = 0; q < found.length; q++) {
          found[q] = PostFilter.apply(unfiltered[q], f.passes(), K);
        }
        if (!o.has("postfilter")) {
          o.add("postfilter", new JsonObject());
        }
        o.getAsJsonObject("postfilter")
            .addProperty("k" + kPrime + "_recall", PostFilter.recall(found, exact[i]));
      }
    }
  }

  private void torch(
      BuildResult built, LinrIndex index, LinrFilterRuns runs, int[][][] exact, JsonObject out)
      throws Exception {
    log("stock PyTorch on the same archive");
    Path queryFile = TorchPeer.writeQueries(data.queries(), work.resolve("queries.f32"));
    int head = Math.min(TORCH_QUERIES, data.queries().length);
    JsonArray programs = new JsonArray();
    List<Integer> filtered = new ArrayList<>();
    for (int i = 0; i < data.filters().size(); i++) {
      String filter = data.filters().get(i).linr();
      if (filter != null) {
        programs.add(program(CompiledFilters.compile(index.context(), nCopies(head, filter))));
        filtered.add(i);
      }
    }
    Path programFile = work.resolve("filters.json");
    Files.writeString(programFile, programs.toString(), StandardCharsets.UTF_8);
    JsonObject torch =
        TorchPeer.run(built.folder().resolve("index.pt"), queryFile, data.dim(), K, 3, programFile);
    if (torch == null) {
      out.addProperty("torch", "not installed");
      return;
    }
    int[][] unfiltered = runs.unfiltered(K);
    int checked = 0;
    int agree = 0;
    JsonArray rows = torch.getAsJsonArray("head_slots");
    for (int q = 0; q < rows.size(); q++, checked++) {
      agree += Arrays.equals(ints(rows.get(q)), unfiltered[q]) ? 1 : 0;
    }
    JsonArray perFilter = torch.getAsJsonArray("filtered_head_slots");
    for (int f = 0; f < perFilter.size(); f++) {
      JsonArray filterRows = perFilter.get(f).getAsJsonArray();
      for (int q = 0; q < filterRows.size(); q++, checked++) {
        agree += Arrays.equals(ints(filterRows.get(q)), exact[filtered.get(f)][q]) ? 1 : 0;
      }
    }
    JsonObject t = new JsonObject();
    t.addProperty("version", torch.get("torch_version").getAsString());
    t.addProperty("b1_ms", torch.get("b1_ms").getAsDouble());
    t.addProperty("b32_ms", torch.get("b32_ms").getAsDouble());
    t.addProperty("checked", checked);
    t.addProperty("agrees", agree);
    out.add("torch", t);
  }

  /** A compiled program as the peer script reads it (floats as their bit patterns). */
  private static JsonObject program(CompiledFilters c) {
    JsonObject o = new JsonObject();
    JsonArray ops = new JsonArray();
    Arrays.stream(c.ops()).forEach(ops::add);
    JsonArray ints = new JsonArray();
    Arrays.stream(c.ints()).forEach(ints::add);
    JsonArray bits = new JsonArray();
    Arrays.stream(c.floats()).forEach(x -> bits.add(Double.doubleToRawLongBits(x)));
    o.add("ops", ops);
    o.add("ints", ints);
    o.add("float_bits", bits);
    return o;
  }

  private static int[] ints(JsonElement row) {
    JsonArray a = row.getAsJsonArray();
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  private void lucene(JsonArray filters, int[][][] exact, JsonObject out) throws Exception {
    log("building Lucene HNSW (M=" + LuceneHnsw.M + ", beamWidth=" + LuceneHnsw.BEAM_WIDTH + ")");
    try (LuceneHnsw lucene =
        LuceneHnsw.build(
            data.stored(),
            data.dim(),
            data.luceneSimilarity(),
            data.luceneFields(),
            work.resolve("lucene"))) {
      out.addProperty("lucene_build_s", lucene.buildSeconds);
      out.addProperty("lucene_segments", lucene.segments());
      log(String.format(Locale.ROOT, "Lucene built in %.1f s", lucene.buildSeconds));
      LucenePeer peer = new LucenePeer(lucene, data.scoredQueries(), K);
      for (int i = 0; i < exact.length; i++) {
        DatasetFilter f = data.filters().get(i);
        log("Lucene on " + f.label());
        filters.get(i).getAsJsonObject().add("lucene", peer.measure(f.lucene(), exact[i]));
      }
    }
  }

  private static void log(String message) {
    System.err.println("[datasets bench] " + message);
  }

  /** Entry point: see {@link Options#USAGE}. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(options);
  }

  /** Runs the benchmark and writes its files; returns the JSON written. */
  static JsonObject run(Options options) throws Exception {
    Path work = Files.createTempDirectory("linr-datasets-bench-");
    try {
      JsonObject out = new JsonObject();
      out.addProperty("date", LocalDate.now().toString());
      out.addProperty("machine", Machine.describe());
      out.addProperty("dataset", options.dataset());
      long t0 = System.nanoTime();
      log("preparing the " + options.dataset() + " dataset");
      Dataset data = load(options, work);
      out.addProperty("prepare_s", (System.nanoTime() - t0) / 1e9);
      out.addProperty("items", data.items());
      out.addProperty("dim", data.dim());
      out.addProperty("metric", data.metric().name().toLowerCase(Locale.ROOT));
      out.addProperty("dtype", "float32");
      out.addProperty("queries", data.queries().length);
      out.addProperty("k", K);
      out.addProperty("lucene_m", LuceneHnsw.M);
      out.addProperty("lucene_beam_width", LuceneHnsw.BEAM_WIDTH);
      out.addProperty("load_average_start", Machine.loadAverage());
      new DatasetBench(data, options, work).run(out);
      out.addProperty("load_average_end", Machine.loadAverage());
      write(out, options.results());
      return out;
    } finally {
      FileTrees.deleteTree(work);
    }
  }

  /** The base name of the result files. */
  static String baseName(JsonObject out) {
    return String.format(
        Locale.ROOT,
        "datasets-%s-%d-%d",
        out.get("dataset").getAsString(),
        out.get("items").getAsLong(),
        out.get("dim").getAsInt());
  }

  private static void write(JsonObject out, Path results) throws Exception {
    List<FilterChart.Series> series = new ArrayList<>();
    series.add(FilterChart.linr("linr (exact)", new Color(44, 160, 44), null, "auto"));
    if (out.has("lucene_build_s")) {
      series.add(FilterChart.lucene());
    }
    String title =
        String.format(
            Locale.ROOT,
            "%s, %,d x %d %s, top-10: B=1 queries/s by filter pass rate",
            out.get("dataset").getAsString(),
            out.get("items").getAsLong(),
            out.get("dim").getAsInt(),
            out.get("metric").getAsString());
    ResultFiles.write(
        results,
        baseName(out),
        out,
        Report.datasetTable(out),
        png ->
            FilterChart.write(
                out.getAsJsonArray("rates"), series, title, FilterChart.B1_AXIS, png));
  }
}
