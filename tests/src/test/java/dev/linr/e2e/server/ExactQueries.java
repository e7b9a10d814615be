package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.FilterCorpus;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.Indexes;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import dev.linr.index.IndexMetadata;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A seeded index of small-integer vectors with attributes ({@code linr}'s builder, dot product,
 * float32), its plain-Java brute force, and a pool of single-query request bodies (with and without
 * filters, several k) whose exact answers are computed once. With integer vectors every float32
 * score is exact, so served answers must equal the reference exactly: ids, order (ties by slot) and
 * scores. Immutable after {@link #build}; thread-safe to read.
 */
final class ExactQueries {
  static final int ITEMS = 3000;
  static final int DIMENSION = 16;
  private static final int RANGE = 4;
  private static final int[] KS = {1, 5, 10, 37, 100};

  /** Filters over {@link TestCorpus}'s attributes, from broad to none passing; null: no filter. */
  private static final String[] FILTERS = {
    null,
    "geo IN ('us', 'ca')",
    "company >= 1025 AND sponsored = false",
    "skills ALL ('java', 'ml')",
    "NOT geo = 'de' AND EXISTS(skills)",
    "quality BETWEEN 0.25 AND 0.5",
    "company = 1007 OR skills IN ('rust')",
    "geo = 'zz'",
  };

  /** One request body and the answer the reference gives for it. */
  record Query(float[] vector, int k, String filter, String body, BruteForce.Answer expected) {
    @Override
    public String toString() {
      return "k=" + k + " filter=" + filter;
    }
  }

  private final Path folder;
  private final BruteForce reference;
  private final List<Query> queries;
  private final SearchResponseParser parser = new SearchResponseParser();

  private ExactQueries(Path folder, BruteForce reference, List<Query> queries) {
    this.folder = folder;
    this.reference = reference;
    this.queries = queries;
  }

  /**
   * Builds the index under {@code dir} and {@code count} queries, half of them unfiltered.
   *
   * @param seed seeds the corpus and the queries
   */
  static ExactQueries build(Path dir, int count, long seed) throws IOException {
    TestCorpus corpus = TestCorpus.integers(seed, ITEMS, DIMENSION, RANGE);
    Path folder = Indexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32).folder();
    BruteForce reference = new BruteForce(corpus, IndexMetadata.read(folder).schema());
    List<BitSet> passing = new ArrayList<>();
    for (String f : FILTERS) {
      passing.add(f == null ? null : passing(corpus, FilterParser.parse(f)));
    }
    Random r = new Random(seed + 1);
    List<Query> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] v = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        v[j] = r.nextInt(2 * RANGE + 1) - RANGE;
      }
      int k = KS[r.nextInt(KS.length)];
      int f = i % 2 == 0 ? 0 : 1 + r.nextInt(FILTERS.length - 1);
      queries.add(
          new Query(
              v, k, FILTERS[f], body(v, k, FILTERS[f]), reference.search(v, k, passing.get(f))));
    }
    return new ExactQueries(folder, reference, List.copyOf(queries));
  }

  private static BitSet passing(TestCorpus corpus, Filter filter) {
    BitSet set = new BitSet();
    for (int i = 0; i < corpus.size(); i++) {
      if (FilterEvaluator.matches(filter, FilterCorpus.asLists(corpus.items.get(i).attributes()))) {
        set.set(i);
      }
    }
    return set;
  }

  private static String body(float[] vector, int k, String filter) {
    JsonObject o = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : vector) {
      v.add((int) x);
    }
    o.add("vector", v);
    o.addProperty("k", k);
    if (filter != null) {
      o.addProperty("filter", filter);
    }
    return o.toString();
  }

  /** The archive folder. */
  Path folder() {
    return folder;
  }

  /** The {@code file:} URL to register the archive with. */
  String url() {
    return folder.toUri().toString();
  }

  List<Query> queries() {
    return queries;
  }

  /** The query at {@code i} modulo the pool size. */
  Query query(int i) {
    return queries.get(Math.floorMod(i, queries.size()));
  }

  /**
   * Asserts that a response body is the exact reference answer of {@code q}: matched count, ids,
   * order and scores.
   */
  void assertAnswer(Query q, String responseBody, String context) {
    SearchResponse got = parser.parse(responseBody).responses().get(0);
    HitAssertions.assertSameHits(reference, q.vector(), q.expected(), got, 0, context + " " + q);
  }

  /** A batch request body: {@code {"queries": [...]}} with each query's own body, in order. */
  static String batchBody(List<Query> batch) {
    StringBuilder b = new StringBuilder("{\"queries\": [");
    for (int i = 0; i < batch.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(batch.get(i).body());
    }
    return b.append("]}").toString();
  }

  /**
   * Asserts that the body of a batch response holds the exact reference answer of every query of
   * {@code batch}, in order.
   */
  void assertBatchAnswer(List<Query> batch, String responseBody, String context) {
    List<SearchResponse> got = parser.parse(responseBody).responses();
    assertEquals(batch.size(), got.size(), context + ": answers");
    for (int i = 0; i < batch.size(); i++) {
      Query q = batch.get(i);
      HitAssertions.assertSameHits(
          reference, q.vector(), q.expected(), got.get(i), 0, context + " [" + i + "] " + q);
    }
  }
}
