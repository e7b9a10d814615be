package dev.linr.bench;

import com.google.gson.JsonObject;
import org.apache.lucene.search.Query;

/**
 * Measures Lucene on one filter: B=1 latency (median, one thread), throughput with two searching
 * threads, and recall@10 against linr's exact answers.
 */
final class LucenePeer {
  private static final int THREADS = 2;

  private final LuceneHnsw lucene;
  private final float[][] unitQueries;
  private final int k;

  LucenePeer(LuceneHnsw lucene, FilterCorpus corpus, int k) {
    this(lucene, unitQueries(corpus), k);
  }

  /** Over {@code queries} as the index scores them (unit vectors for a cosine corpus). */
  LucenePeer(LuceneHnsw lucene, float[][] queries, int k) {
    this.lucene = lucene;
    this.k = k;
    this.unitQueries = queries;
  }

  private static float[][] unitQueries(FilterCorpus corpus) {
    float[][] out = new float[corpus.queries.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = corpus.unitQuery(i);
    }
    return out;
  }

  JsonObject measure(FilterCase c, int[][] exact) throws Exception {
    return measure(LuceneHnsw.filter(c), exact);
  }

  /** The measurements under {@code filter} (null: unfiltered). */
  JsonObject measure(Query filter, int[][] exact) throws Exception {
    int n = unitQueries.length;
    int[][] found = new int[n][];
    for (int i = 0; i < n; i++) {
      found[i] = lucene.slots(lucene.search(unitQueries[i], k, filter));
    }
    double b1 = Timing.medianMs(n, n, i -> lucene.search(unitQueries[i], k, filter));
    double qps =
        Timing.perSecond(
            n, THREADS, LinrFilterRuns.MIN_SECONDS, i -> lucene.search(unitQueries[i], k, filter));
    JsonObject o = new JsonObject();
    o.addProperty("b1_ms", b1);
    o.addProperty("b1_qps", 1000 / b1);
    o.addProperty("qps_2_threads", qps);
    o.addProperty("recall_at_10", PostFilter.recall(found, exact));
    return o;
  }
}
