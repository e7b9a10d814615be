package dev.linr.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.index.IndexProgram;
import dev.linr.query.SearchRequest;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * What limits a one-query scan: passes over the same [items, dim] float32 array (libtorch's
 * memory), alternated round by round so that the machine's drift hits each alike. The passes:
 *
 * <ul>
 *   <li>a two-thread Java read of as many bytes (a {@code long[]} sum, the bandwidth probe's);
 *   <li>libtorch's sum of the whole array {@code e.sum()}, the bandwidth probe's libtorch pass
 *       ({@link Machine#libtorchReadBandwidthGbPerS}), and its row sums {@code e.sum(1)}, a
 *       reduction of 128 values a row that runs slower;
 *   <li>the index model's B=1 product on CPU: the rows cut into up to 64 parts multiplied by the
 *       query as one batch ({@code bmm}, see {@link #partsProduct}), and the product it replaced,
 *       {@code e @ q^T} with the query padded to two rows (a one-column product runs on one
 *       thread);
 *   <li>the same dot products in a Vector API loop on two threads ({@link SimdDots}), each row read
 *       once, where the JVM has {@code jdk.incubator.vector} ({@code ./linr} adds it for the
 *       benchmarks);
 *   <li>the index model's whole B=1 search (top 10, no filter) of an index of the same rows (dot,
 *       float32), through {@link LinrIndex}.
 * </ul>
 *
 * <p>The two products and the SIMD loop must agree (to float32 rounding; checked after the timed
 * rounds) or the run fails. Writes {@code scan-<items>-<dim>.{json,md}} with each pass's best and
 * median milliseconds and GB/s, and the search's speed as a share of the fastest pass that only
 * reads the array ({@link #READS}, which holds the bandwidth probe's two) at the median and at
 * best: the B=1 goal's fraction measured side by side, where the index benchmark holds a median
 * search to a best-of-five probe run minutes apart.
 *
 * <p>Run: {@code ./linr bench scan [--items N] [--dim D] [--rounds R] [--results DIR]}.
 */
public final class ScanBench {
  /** Whether this JVM has the Vector API module. */
  static final boolean SIMD_AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** Untimed rounds before the timed ones. */
  private static final int WARMUP = 3;

  /** The keys of the passes that only read the array (the search is held to the fastest). */
  static final Set<String> READS = Set.of("java_read", "torch_sum", "torch_row_sums");

  /** The key of the search pass. */
  static final String SEARCH = "linr_b1_search";

  /** The search's k. */
  private static final int K = 10;

  private ScanBench() {}

  /** The command line. */
  record Options(int items, int dim, int rounds, Path results) {
    static final String USAGE =
        "./linr bench scan [--items N] [--dim D] [--rounds R] [--results DIR]";

    /**
     * Parses the arguments; defaults 1,000,000 x 128, 25 rounds, {@code bench/results}.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    static Options parse(String[] args) {
      int items = 1_000_000;
      int dim = 128;
      int rounds = 25;
      Path results = Path.of("bench", "results");
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        String value = OptionArgs.value(args, i++, USAGE);
        switch (option) {
          case "--items" -> items = OptionArgs.positive(option, value);
          case "--dim" -> dim = OptionArgs.positive(option, value);
          case "--rounds" -> rounds = OptionArgs.positive(option, value);
          default -> results = Path.of(value);
        }
      }
      if ((long) items * dim * Float.BYTES > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "--items x --dim must fit 2 GB of float32 (one direct buffer), got "
                + items
                + " x "
                + dim);
      }
      return new Options(items, dim, rounds, results);
    }
  }

  /** One timed pass over the array. */
  private record Pass(String key, String label, Action action) {}

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  /** Runs the passes and returns the result object (see the class comment). */
  static JsonObject run(Options o) throws Exception {
    int n = o.items();
    int d = o.dim();
    Random random = new Random(7);
    float[] q = new float[d];
    for (int j = 0; j < d; j++) {
      q[j] = (float) random.nextGaussian();
    }
    float[] padded = Arrays.copyOf(q, 2 * d);
    long[] longs = new long[(int) ((long) n * d / 2)];
    Arrays.fill(longs, 1);
    float[] simd = new float[n];
    Path work = Files.createTempDirectory("linr-scan");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        LinrIndex index = LinrIndex.open(buildIndex(work, n, d))) {
      NDArray e = m.create(NpyReader.read(work.resolve("vectors.npy"), n, d), new Shape(n, d));
      NDArray queries = m.create(padded, new Shape(2, d));
      SearchRequest search = SearchRequest.builder().setVector(q).optK(K).build();
      ByteBuffer rows = ((PtNDArray) e).toByteBuffer(true).order(ByteOrder.nativeOrder());
      List<Pass> passes = new ArrayList<>();
      passes.add(
          new Pass(
              "java_read",
              "two-thread Java read of as many bytes",
              () -> {
                if (Machine.sumInTwoThreads(longs) != longs.length) {
                  throw new IllegalStateException("the Java read summed wrongly");
                }
              }));
      passes.add(
          new Pass(
              "torch_sum",
              "libtorch e.sum() (the bandwidth probe's libtorch pass)",
              () -> e.sum().close()));
      passes.add(
          new Pass("torch_row_sums", "libtorch e.sum(1)", () -> e.sum(new int[] {1}).close()));
      NDArray query = m.create(q, new Shape(1, d));
      passes.add(
          new Pass(
              "torch_parts_product",
              "libtorch bmm of e in parts by q (the model's B=1 product)",
              () -> partsProduct(e, query).close()));
      passes.add(
          new Pass(
              "torch_product",
              "libtorch e @ q^T, q padded to 2 rows (the model's B=1 product before)",
              () -> e.matMul(queries.transpose()).close()));
      if (SIMD_AVAILABLE) {
        passes.add(
            new Pass(
                "java_simd_dots",
                "Vector API dot products, two threads",
                () ->
                    Machine.inTwoThreads(
                        n, (from, to) -> SimdDots.dots(rows, d, q, simd, from, to))));
      }
      passes.add(
          new Pass(
              SEARCH,
              "the index model's B=1 search of the same rows (top 10)",
              () -> index.search(search)));
      double[][] ms = new double[passes.size()][o.rounds()];
      for (int round = -WARMUP; round < o.rounds(); round++) {
        for (int p = 0; p < passes.size(); p++) {
          long start = System.nanoTime();
          passes.get(p).action().run();
          if (round >= 0) {
            ms[p][round] = (System.nanoTime() - start) / 1e6;
          }
        }
      }
      try (NDArray product = e.matMul(queries.transpose());
          NDArray parts = partsProduct(e, query)) {
        float[] scores = parts.toFloatArray();
        checkAgree(scores, product.get(":, 0").toFloatArray(), "the padded product's scores");
        if (SIMD_AVAILABLE) {
          checkAgree(scores, simd, "the SIMD dot products");
        }
        checkTopSlots(scores, LinrFilterRuns.slots(index.search(search)), K);
      }
      return result(o, passes, ms);
    } finally {
      FileTrees.deleteTree(work);
    }
  }

  /**
   * The index model's one-query product on CPU ({@code parts_dot} in its program): the rows of
   * {@code e} [n, d] cut into parts as the program cuts them ({@link IndexProgram#MAX_QUERY_PARTS},
   * {@link IndexProgram#MIN_PART_ROWS}), multiplied by the query {@code q} [1, d] as one batch, the
   * rows left over by a product of their own: [n] scores in row order.
   */
  static NDArray partsProduct(NDArray e, NDArray q) {
    long n = e.getShape().get(0);
    long d = e.getShape().get(1);
    long parts =
        Math.min(IndexProgram.MAX_QUERY_PARTS, Math.max(1, n / IndexProgram.MIN_PART_ROWS));
    long whole = n / parts * parts;
    NDArray head = whole == n ? e : e.get("0:" + whole);
    // As the program does: q^T is a view ([d, 1] with strides (1, d)) expanded over the parts.
    try (NDArray column = q.transpose();
        NDArray batch = head.reshape(parts, whole / parts, d);
        NDArray each = column.expandDims(0).broadcast(parts, d, 1);
        NDArray product = batch.matMul(each)) {
      NDArray scores = product.reshape(whole);
      if (whole == n) {
        return scores;
      }
      try (NDArray first = scores;
          NDArray rest = e.get(whole + ":").matMul(column)) {
        return first.concat(rest.reshape(n - whole));
      }
    } finally {
      if (head != e) {
        head.close();
      }
    }
  }

  /**
   * Writes {@code n} x {@code d} clustered vectors ({@link DemoCorpus}, as the index benchmark's)
   * to {@code work/vectors.npy} and builds a dot, float32 index of them; returns its folder.
   */
  private static Path buildIndex(Path work, int n, int d) throws Exception {
    Path npy = work.resolve("vectors.npy");
    Path meta = work.resolve("items.jsonl");
    new DemoCorpus(d, 64, 7).writeNpy(npy, meta, n);
    return BenchBuilds.builder(
            npy,
            meta,
            work.resolve("index"),
            Metric.DOT,
            StorageType.FLOAT32,
            n,
            BenchBuilds.PROGRESS_ITEMS)
        .build()
        .run()
        .folder();
  }

  /**
   * The search's hits (their rows, see {@link LinrFilterRuns#slots}) are the k rows with the best
   * product scores, ties to the lower row, or the run fails.
   */
  static void checkTopSlots(float[] scores, int[] hits, int k) {
    Integer[] rows = new Integer[scores.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Arrays.sort(
        rows, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
    int[] expected = new int[Math.min(k, rows.length)];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = rows[i];
    }
    if (!Arrays.equals(expected, hits)) {
      throw new IllegalStateException(
          "the search's hits "
              + Arrays.toString(hits)
              + " are not the best rows of the product "
              + Arrays.toString(expected));
    }
  }

  /** Another pass's scores agree with the model's product to float32 rounding, or the run fails. */
  static void checkAgree(float[] product, float[] other, String what) {
    double largest = 0;
    double worst = 0;
    for (int i = 0; i < product.length; i++) {
      largest = Math.max(largest, Math.abs(product[i]));
      worst = Math.max(worst, Math.abs(product[i] - other[i]));
    }
    if (worst > 1e-5 * Math.max(1, largest)) {
      throw new IllegalStateException(what + " differ from the model's product by up to " + worst);
    }
  }

  private static JsonObject result(Options o, List<Pass> passes, double[][] ms) {
    double bytes = (double) o.items() * o.dim() * Float.BYTES;
    JsonObject out = new JsonObject();
    out.addProperty("date", LocalDate.now().toString());
    out.addProperty("machine", Machine.describe());
    out.addProperty("items", o.items());
    out.addProperty("dim", o.dim());
    out.addProperty("rounds", o.rounds());
    out.addProperty("simd_available", SIMD_AVAILABLE);
    JsonArray array = new JsonArray();
    for (int p = 0; p < passes.size(); p++) {
      double[] sorted = ms[p].clone();
      Arrays.sort(sorted);
      JsonObject r = new JsonObject();
      r.addProperty("pass", passes.get(p).key());
      r.addProperty("label", passes.get(p).label());
      r.addProperty("best_ms", sorted[0]);
      r.addProperty("median_ms", sorted[sorted.length / 2]);
      r.addProperty("best_gb_per_s", bytes / 1e6 / sorted[0]);
      r.addProperty("median_gb_per_s", bytes / 1e6 / sorted[sorted.length / 2]);
      array.add(r);
    }
    out.add("passes", array);
    addSearchShare(out, array, "median");
    addSearchShare(out, array, "best");
    return out;
  }

  /**
   * Adds {@code linr_b1_search_share_of_read_at_<at>}: the search's GB/s over the fastest read
   * pass's ({@link #READS}) GB/s, both at the median or both at best.
   */
  private static void addSearchShare(JsonObject out, JsonArray passes, String at) {
    double read = 0;
    double search = 0;
    for (var e : passes) {
      JsonObject p = e.getAsJsonObject();
      String key = p.get("pass").getAsString();
      double gbPerS = p.get(at + "_gb_per_s").getAsDouble();
      if (READS.contains(key)) {
        read = Math.max(read, gbPerS);
      } else if (key.equals(SEARCH)) {
        search = gbPerS;
      }
    }
    out.addProperty(SEARCH + "_share_of_read_at_" + at, search / read);
  }

  /** The markdown table of a result. */
  static String table(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d x %d float32 (%,.0f MB), %d alternated rounds; %s%n%n",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("items").getAsDouble() * r.get("dim").getAsInt() * 4 / 1e6,
            r.get("rounds").getAsInt(),
            r.get("machine").getAsString()));
    sb.append("| pass | best ms | median ms | GB/s at best | GB/s at median |\n");
    sb.append("|---|---|---|---|---|\n");
    for (var e : r.getAsJsonArray("passes")) {
      JsonObject p = e.getAsJsonObject();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.1f |%n",
              p.get("label").getAsString(),
              p.get("best_ms").getAsDouble(),
              p.get("median_ms").getAsDouble(),
              p.get("best_gb_per_s").getAsDouble(),
              p.get("median_gb_per_s").getAsDouble()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nThe B=1 search reads at %.0f%% of the fastest read pass's speed at the median, %.0f%%"
                + " at best (the goal: 80%%).%n",
            100 * r.get(SEARCH + "_share_of_read_at_median").getAsDouble(),
            100 * r.get(SEARCH + "_share_of_read_at_best").getAsDouble()));
    if (!r.get("simd_available").getAsBoolean()) {
      sb.append("\nThe Vector API pass did not run: start the JVM with");
      sb.append(" --add-modules=jdk.incubator.vector (./linr does).\n");
    }
    return sb.toString();
  }

  /** Entry point: see {@link Options#USAGE}. */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    JsonObject r = run(o);
    ResultFiles.write(
        o.results(), String.format(Locale.ROOT, "scan-%d-%d", o.items(), o.dim()), r, table(r));
  }
}
