package dev.linr.bench;

import com.google.gson.JsonObject;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchOptions;
import dev.linr.translate.SearchPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Times linr on one filter with one search path: B=1 latency (median over the queries), and
 * throughput one query at a time and in batches of 32, each from one calling thread and from {@link
 * #CALLERS} (as a server with that many workers runs them, and as Lucene's searching threads do),
 * through {@link LinrIndex#search(SearchBatch, SearchOptions)}; and keeps the B=1 answers (slots)
 * so the paths can be compared with each other and with the peers.
 */
final class LinrFilterRuns {
  static final int BATCH = 32;

  /** Calling threads of the concurrent figures: as many as Lucene's searching threads. */
  static final int CALLERS = 2;

  /** Least length of one throughput window. */
  static final double MIN_SECONDS = 0.5;

  /**
   * Least calls before timing B=1 latency; at least one pass over the queries is made too. The
   * first few dozen searches with a new filter run slower (2-4x in median over 84 calls at 100k
   * items) before they settle.
   */
  private static final int WARMUP = 20;

  private final LinrIndex index;
  private final float[][] queries;
  private final int k;

  LinrFilterRuns(LinrIndex index, float[][] queries, int k) {
    this.index = index;
    this.queries = queries;
    this.k = k;
  }

  /** Result of one (filter, path) run. */
  record Run(
      double b1Ms,
      double b1Qps2Callers,
      double b32Qps,
      double b32Qps2Callers,
      long matched,
      int[][] slots,
      String b1Path,
      String b32Path) {
    JsonObject json() {
      JsonObject o = new JsonObject();
      o.addProperty("b1_ms", b1Ms);
      o.addProperty("b1_qps", 1000 / b1Ms);
      o.addProperty("b1_qps_2_callers", b1Qps2Callers);
      o.addProperty("b32_qps", b32Qps);
      o.addProperty("b32_qps_2_callers", b32Qps2Callers);
      o.addProperty("b1_ran", b1Path);
      o.addProperty("b32_ran", b32Path);
      return o;
    }
  }

  Run run(String filter, SearchPath path) throws Exception {
    SearchOptions options = index.options().withPath(path);
    int[][] slots = new int[queries.length][];
    long[] matched = new long[1];
    String[] ran = new String[1];
    double b1 =
        Timing.medianMs(
            queries.length,
            warmup(),
            i -> {
              SearchResponse r = one(request(queries[i], filter, k), options);
              slots[i] = slots(r);
              matched[0] = r.matched();
              ran[0] = (String) r.stats().get("path");
            });
    double b1Concurrent =
        Timing.perSecond(
            queries.length,
            CALLERS,
            MIN_SECONDS,
            i -> one(request(queries[i], filter, k), options));
    List<SearchBatch> batches = batches(i -> filter, k);
    // Every batch has the same filter, so the first one's path is every batch's.
    String batchPath = (String) index.search(batches.get(0), options).get(0).stats().get("path");
    double qps = queriesPerSecond(batches, options, 1, queries.length);
    double concurrent = queriesPerSecond(batches, options, CALLERS, queries.length);
    return new Run(b1, b1Concurrent, qps, concurrent, matched[0], slots, ran[0], batchPath);
  }

  /**
   * Adds {@code own_filters_b<batchSize>_qps} and its {@code _2_callers} twin to {@code into}: the
   * {@link #ownFiltersQps} from one calling thread and from {@link #CALLERS}.
   */
  void addOwnFiltersQps(JsonObject into, IntFunction<String> filterOf, int batchSize)
      throws Exception {
    String key = "own_filters_b" + batchSize + "_qps";
    into.addProperty(key, ownFiltersQps(filterOf, batchSize, 1));
    into.addProperty(key + "_2_callers", ownFiltersQps(filterOf, batchSize, CALLERS));
  }

  /**
   * Queries per second on the automatic path in batches of {@code batchSize} where each query has
   * its own filter ({@code filterOf} of the query's position in the stream), as a server's batcher
   * would group the queries of different users, from {@code callers} calling threads. The stream
   * cycles through the query vectors until it fills at least two batches a caller.
   */
  private double ownFiltersQps(IntFunction<String> filterOf, int batchSize, int callers)
      throws Exception {
    int count = Math.max(2 * callers, (queries.length + batchSize - 1) / batchSize);
    List<SearchBatch> batches = batches(filterOf, k, batchSize, count * batchSize);
    return queriesPerSecond(batches, index.options(), callers, count * batchSize);
  }

  /** Queries per second of {@code batches} (holding {@code total} queries) from the callers. */
  private double queriesPerSecond(
      List<SearchBatch> batches, SearchOptions options, int callers, int total) throws Exception {
    double batchesPerS =
        Timing.perSecond(
            batches.size(), callers, MIN_SECONDS, b -> index.search(batches.get(b), options));
    return batchesPerS * total / batches.size();
  }

  /** Unfiltered top-{@code kPrime} slots for every query (answered in batches of 32). */
  int[][] unfiltered(int kPrime) {
    int[][] out = new int[queries.length][];
    int q = 0;
    for (SearchBatch b : batches(i -> null, kPrime)) {
      for (SearchResponse r : index.search(b)) {
        out[q++] = slots(r);
      }
    }
    return out;
  }

  /** Median B=1 milliseconds of an unfiltered top-{@code kPrime} search. */
  double unfilteredB1Ms(int kPrime) throws Exception {
    return Timing.medianMs(
        queries.length, warmup(), i -> index.search(request(queries[i], null, kPrime)));
  }

  private int warmup() {
    return Math.max(WARMUP, queries.length);
  }

  private SearchResponse one(SearchRequest request, SearchOptions options) {
    return index.search(SearchBatch.of(List.of(request)), options).get(0);
  }

  private List<SearchBatch> batches(IntFunction<String> filterOf, int kk) {
    return batches(filterOf, kk, BATCH, queries.length);
  }

  /**
   * A stream of {@code total} queries in batches of {@code batchSize} (the last one may be
   * shorter): position i asks with the query vector {@code i} (cycling through them) and the filter
   * {@code filterOf(i)}.
   */
  private List<SearchBatch> batches(
      IntFunction<String> filterOf, int kk, int batchSize, int total) {
    List<SearchBatch> out = new ArrayList<>();
    for (int start = 0; start < total; start += batchSize) {
      List<SearchRequest> list = new ArrayList<>();
      for (int i = start; i < Math.min(total, start + batchSize); i++) {
        list.add(request(queries[i % queries.length], filterOf.apply(i), kk));
      }
      out.add(SearchBatch.of(list));
    }
    return out;
  }

  private static SearchRequest request(float[] q, String filter, int k) {
    SearchRequest.Builder b = SearchRequest.builder().setVector(q).optK(k);
    if (filter != null) {
      b.optFilter(filter);
    }
    return b.build();
  }

  /**
   * The slots of a response's hits, in order: the benchmarks' corpora number their items 1..N in
   * input order, so a hit's slot is its id - 1.
   */
  static int[] slots(SearchResponse r) {
    return r.hits().stream().mapToInt(h -> (int) ((Long) h.id() - 1)).toArray();
  }

  static boolean same(int[][] a, int[][] b) {
    return Arrays.deepEquals(a, b);
  }
}
