package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filtered benchmark: for pass rates 100% .. 0.01% ({@link FilterCase}), linr's masked (V1),
 * compact (V2) and automatic paths (B=1 latency; throughput one query at a time and in batches of
 * 32 sharing the filter, and in batches of 32 and 128 with a filter per query, from one calling
 * thread and from two), Lucene's filtered HNSW (latency, 2-thread throughput, recall@10 against
 * linr's exact answer) and post-filtering an unfiltered top-k' (recall), on the same
 * cosine-normalised vectors. linr's automatic path and Lucene are timed in alternating rounds, and
 * each goal's ratio ({@link FilterGoal}) is taken within a round. Writes {@code
 * filter-<items>-<dim>.{json,md,png}}.
 *
 * <p>Run: {@code ./linr bench filter [--items N] [--dim D] [--queries Q]}.
 */
public final class FilterBench {
  static final int K = 10;
  private static final int BRUTE_FORCE_CHECKS = 5;
  private static final int[] K_PRIMES = {100, 1000};

  /** Alternating rounds of linr's automatic path and Lucene at each pass rate. */
  static final int ROUNDS = 3;

  /** Batch sizes timed with a filter per query. */
  private static final int[] OWN_FILTER_BATCHES = {32, 128};

  private final FilterCorpus corpus;
  private final Path work;
  private final int[][][] exact = new int[FilterCase.ALL.size()][][];

  private FilterBench(FilterCorpus corpus, Path work) {
    this.corpus = corpus;
    this.work = work;
  }

  JsonObject run(JsonObject out) throws Exception {
    JsonArray rates = new JsonArray();
    for (FilterCase c : FilterCase.ALL) {
      JsonObject o = new JsonObject();
      o.addProperty("pass_rate", c.passRate());
      o.addProperty("label", c.label());
      o.addProperty("filter", c.linrFilter());
      rates.add(o);
    }
    out.add("rates", rates);
    out.addProperty("rounds", ROUNDS);
    log("the floor of an answer through a model (an empty model call, a small operator)");
    ModelCallFloor.measure(work).write(out);
    BuildResult built = buildLinr(corpus, work);
    out.addProperty("linr_build_s", built.elapsed().toMillis() / 1000.0);
    out.addProperty("model_bytes", built.modelBytes());
    try (LinrIndex index = LinrIndex.open(built.folder());
        LuceneHnsw lucene = buildLucene(out)) {
      LinrFilterRuns runs = new LinrFilterRuns(index, corpus.queries, K);
      LucenePeer peer = new LucenePeer(lucene, corpus, K);
      for (int i = 0; i < exact.length; i++) {
        rate(runs, peer, FilterCase.ALL.get(i), i, rates.get(i).getAsJsonObject());
      }
      postFilter(runs, rates, out);
    }
    return out;
  }

  /** Builds linr's cosine float32 index of the corpus in {@code work/index}. */
  static BuildResult buildLinr(FilterCorpus corpus, Path work) throws Exception {
    log("building the linr index (cosine, float32)");
    return BenchBuilds.builder(
            corpus.npy,
            corpus.metadata,
            work.resolve("index"),
            Metric.COSINE,
            StorageType.FLOAT32,
            corpus.items,
            BenchBuilds.PROGRESS_ITEMS)
        .optOverwrite(true)
        .build()
        .run();
  }

  /**
   * One pass rate: linr's masked and compact paths once, then linr's automatic path and Lucene in
   * {@link #ROUNDS} alternating rounds (see {@link SideBySide}), each form's ratio to Lucene per
   * round ({@link FilterGoal}); {@code linr.auto}, the {@code own_filters_*} figures and {@code
   * lucene} hold the medians over the rounds.
   */
  private void rate(LinrFilterRuns runs, LucenePeer peer, FilterCase c, int i, JsonObject o)
      throws Exception {
    log("linr at pass rate " + c.label());
    LinrFilterRuns.Run masked = runs.run(c.linrFilter(), SearchPath.MASKED);
    LinrFilterRuns.Run compact = runs.run(c.linrFilter(), SearchPath.COMPACT);
    exact[i] = masked.slots();
    log("linr's automatic path and Lucene at pass rate " + c.label() + ", " + ROUNDS + " rounds");
    boolean autoAgrees = LinrFilterRuns.same(masked.slots(), compact.slots());
    List<LinrFilterRuns.Run> autos = new ArrayList<>();
    JsonObject rounds =
        SideBySide.alternate(
            ROUNDS,
            () -> {
              LinrFilterRuns.Run auto = runs.run(c.linrFilter(), SearchPath.AUTO);
              autos.add(auto);
              JsonObject round = new JsonObject();
              round.add("auto", auto.json());
              for (int batch : OWN_FILTER_BATCHES) {
                runs.addOwnFiltersQps(round, c::filterFor, batch);
              }
              return round;
            },
            () -> peer.measure(c, exact[i]));
    JsonArray linrRounds = rounds.getAsJsonArray("first");
    JsonArray luceneRounds = rounds.getAsJsonArray("second");
    JsonObject linr = SideBySide.median(linrRounds);
    linr.add("masked", masked.json());
    linr.add("compact", compact.json());
    o.add("linr", linr);
    o.add("lucene", SideBySide.median(luceneRounds));
    JsonObject vsLucene = new JsonObject();
    for (FilterGoal form : FilterGoal.values()) {
      vsLucene.add(form.name().toLowerCase(Locale.ROOT), form.ratios(linrRounds, luceneRounds));
    }
    o.add("vs_lucene", vsLucene);
    o.add("linr_rounds", linrRounds);
    o.add("lucene_rounds", luceneRounds);
    o.addProperty("matched", masked.matched());
    o.addProperty("expected_matched", corpus.passing(c));
    for (LinrFilterRuns.Run auto : autos) {
      autoAgrees &= LinrFilterRuns.same(masked.slots(), auto.slots());
    }
    o.addProperty("paths_agree", autoAgrees);
    FilteredBruteForce brute = new FilteredBruteForce(corpus);
    int agree = 0;
    int checks = Math.min(BRUTE_FORCE_CHECKS, corpus.queries.length);
    for (int q = 0; q < checks; q++) {
      if (java.util.Arrays.equals(exact[i][q], brute.search(q, c, K))) {
        agree++;
      }
    }
    o.addProperty("brute_force_checked", checks);
    o.addProperty("brute_force_agrees", agree);
  }

  private void postFilter(LinrFilterRuns runs, JsonArray rates, JsonObject out) throws Exception {
    log("post-filter peer");
    JsonObject b1 = new JsonObject();
    for (int kPrime : K_PRIMES) {
      int[][] unfiltered = runs.unfiltered(kPrime);
      b1.addProperty("k" + kPrime, runs.unfilteredB1Ms(kPrime));
      for (int i = 0; i < exact.length; i++) {
        FilterCase c = FilterCase.ALL.get(i);
        int[][] found = new int[unfiltered.length][];
        for (int q = 0; q < found.length; q++) {
          found[q] = PostFilter.apply(unfiltered[q], corpus.bucket, c, K);
        }
        JsonObject o = rates.get(i).getAsJsonObject();
        if (!o.has("postfilter")) {
          o.add("postfilter", new JsonObject());
        }
        o.getAsJsonObject("postfilter")
            .addProperty("k" + kPrime + "_recall", PostFilter.recall(found, exact[i]));
      }
    }
    out.add("postfilter_b1_ms", b1);
  }

  private LuceneHnsw buildLucene(JsonObject out) throws Exception {
    log("building Lucene HNSW (M=" + LuceneHnsw.M + ", beamWidth=" + LuceneHnsw.BEAM_WIDTH + ")");
    LuceneHnsw lucene = LuceneHnsw.build(corpus, work.resolve("lucene"));
    out.addProperty("lucene_build_s", lucene.buildSeconds);
    out.addProperty("lucene_segments", lucene.segments());
    out.addProperty("lucene_m", LuceneHnsw.M);
    out.addProperty("lucene_beam_width", LuceneHnsw.BEAM_WIDTH);
    log(String.format(Locale.ROOT, "Lucene built in %.1f s", lucene.buildSeconds));
    return lucene;
  }

  private static void log(String message) {
    System.err.println("[filter bench] " + message);
  }

  /** Entry point: {@code FilterBench [--items N] [--dim D] [--queries Q] [--results DIR]}. */
  public static void main(String[] args) throws Exception {
    int items = 200_000;
    int dim = 128;
    int queries = 200;
    Path results = Path.of("bench", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--items" -> items = Integer.parseInt(args[i + 1]);
        case "--dim" -> dim = Integer.parseInt(args[i + 1]);
        case "--queries" -> queries = Integer.parseInt(args[i + 1]);
        case "--results" -> results = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("linr-filter-bench-");
    try {
      JsonObject out = new JsonObject();
      out.addProperty("date", LocalDate.now().toString());
      out.addProperty("machine", Machine.describe());
      out.addProperty("items", items);
      out.addProperty("dim", dim);
      out.addProperty("queries", queries);
      out.addProperty("k", K);
      out.addProperty("metric", "cosine");
      out.addProperty("dtype", "float32");
      out.addProperty(
          "lucene_note",
          "Lucene 9.12.3 on Java "
              + Runtime.version().feature()
              + (Runtime.version().feature() < 21
                  ? " (scalar vector code: its Panama vectorisation needs Java 21+)."
                  : "."));
      long t0 = System.nanoTime();
      FilterCorpus corpus = FilterCorpus.generate(work, items, dim, queries);
      out.addProperty("generate_s", (System.nanoTime() - t0) / 1e9);
      out.addProperty("load_average_start", Machine.loadAverage());
      new FilterBench(corpus, work).run(out);
      out.addProperty("load_average_end", Machine.loadAverage());
      write(out, results);
    } finally {
      dev.linr.archive.FileTrees.deleteTree(work);
    }
  }

  private static void write(JsonObject out, Path results) throws Exception {
    String base =
        String.format(
            Locale.ROOT, "filter-%d-%d", out.get("items").getAsLong(), out.get("dim").getAsInt());
    ResultFiles.write(
        results,
        base,
        out,
        Report.filterTable(out),
        png -> {
          FilterChart.write(out, png);
          FilterChart.writeThroughput(out, results.resolve(base + "-throughput.png"));
        });
  }
}
