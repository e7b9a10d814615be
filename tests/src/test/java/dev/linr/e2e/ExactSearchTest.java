package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Search through DJL's libtorch against the plain-Java brute force. */
class ExactSearchTest {
  @TempDir Path dir;

  static Stream<Arguments> metricsAndDtypes() {
    List<Arguments> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      for (StorageType t : StorageType.values()) {
        out.add(Arguments.of(m, t));
      }
    }
    return out.stream();
  }

  /** Gaussian data with negative scores, duplicate vectors and zero vectors. */
  private static TestCorpus awkwardCorpus() {
    TestCorpus c = TestCorpus.gaussian(7, 1200, 24);
    Random r = new Random(8);
    for (int i = 0; i < 40; i++) {
      c.add(9_000_000L + i, c.items.get(r.nextInt(1200)).vector(), java.util.Map.of());
    }
    for (int i = 0; i < 5; i++) {
      c.add(9_100_000L + i, new float[24], java.util.Map.of());
    }
    return c;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metricsAndDtypes")
  void matchesBruteForceForEveryMetricAndDtype(Metric metric, StorageType dtype) throws Exception {
    TestCorpus corpus = awkwardCorpus();
    BuildResult built = Indexes.build(corpus, dir, metric, dtype);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      IndexSchema schema = index.metadata().schema();
      BruteForce reference = new BruteForce(corpus, schema);
      Random r = new Random(11);
      List<float[]> queries = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        queries.add(TestCorpus.gaussianVector(r, 24));
      }
      queries.add(new float[24]);
      queries.add(corpus.items.get(17).vector());
      int n = corpus.size();
      int[] ks = {1, 7, 100, n, n + 10};
      for (int k : ks) {
        List<SearchRequest> batch = new ArrayList<>();
        for (float[] q : queries) {
          batch.add(SearchRequest.builder().setVector(q).optK(k).build());
        }
        List<SearchResponse> got = index.search(SearchBatch.of(batch));
        for (int i = 0; i < queries.size(); i++) {
          float[] q = queries.get(i);
          assertSameHits(
              reference,
              q,
              reference.search(q, k, null),
              got.get(i),
              1e-4,
              metric + "/" + dtype + " k=" + k + " query " + i);
        }
      }
    }
  }

  /**
   * A batch whose queries each have their own narrow filter (scored against their own rows on the
   * indexed path) and one whose filters share most rows (scored against their union): exact for
   * every metric and storage type.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metricsAndDtypes")
  void filtersOfTheirOwnAreExactForEveryMetricAndDtype(Metric metric, StorageType dtype)
      throws Exception {
    TestCorpus gaussian = TestCorpus.gaussian(31, 1000, 24);
    TestCorpus corpus = new TestCorpus(24);
    for (int i = 0; i < gaussian.size(); i++) {
      corpus.add((long) i + 1, gaussian.items.get(i).vector(), java.util.Map.of("rank", (long) i));
    }
    BuildResult built = Indexes.build(corpus, dir, metric, dtype);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      Random r = new Random(32);
      for (boolean sharing : new boolean[] {false, true}) {
        List<SearchRequest> requests = new ArrayList<>();
        List<BitSet> passing = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          int lo = sharing ? 300 : i * 60;
          int hi = sharing ? 400 + i : lo + 5 + r.nextInt(30);
          BitSet set = new BitSet();
          set.set(lo, hi + 1);
          passing.add(set);
          requests.add(
              SearchRequest.builder()
                  .setVector(TestCorpus.gaussianVector(r, 24))
                  .optK(1 + r.nextInt(12))
                  .optFilter("rank BETWEEN " + lo + " AND " + hi)
                  .build());
        }
        List<SearchResponse> got =
            index.search(SearchBatch.of(requests), index.options().withPath(SearchPath.INDEXED));
        for (int i = 0; i < requests.size(); i++) {
          SearchRequest q = requests.get(i);
          assertSameHits(
              reference,
              q.vector(),
              reference.search(q.vector(), q.k(), passing.get(i)),
              got.get(i),
              1e-4,
              metric + "/" + dtype + " " + q.filter().get());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metricsAndDtypes")
  void breaksTiesByLowerSlotExactly(Metric metric, StorageType dtype) throws Exception {
    if (metric == Metric.COSINE) {
      return; // normalised vectors are not exact in floating point; ties are covered by dot and l2
    }
    TestCorpus corpus = TestCorpus.integers(3, 400, 4, 2);
    BuildResult built = Indexes.build(corpus, dir, metric, dtype);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      Random r = new Random(5);
      for (int i = 0; i < 12; i++) {
        float[] q = new float[4];
        for (int j = 0; j < 4; j++) {
          q[j] = r.nextInt(5) - 2;
        }
        for (int k : new int[] {1, 3, 10, 57, 399, 400, 450}) {
          SearchResponse got = index.search(SearchRequest.builder().setVector(q).optK(k).build());
          assertSameHits(
              reference,
              q,
              reference.search(q, k, null),
              got,
              0,
              metric + "/" + dtype + " k=" + k + " query " + i);
        }
      }
    }
  }

  /**
   * On CPU the model multiplies row-major ({@code e @ q^T}) up to 64 queries, padding a single
   * query, and {@code q @ e^T} above that: every batch size on both sides of the limit gives the
   * exact answer (integer data, so every score is exact whatever the product's order of sums).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metricsAndDtypes")
  void everyBatchSizeIsExactOnBothSidesOfTheRowMajorLimit(Metric metric, StorageType dtype)
      throws Exception {
    if (metric == Metric.COSINE) {
      return; // normalised vectors are not exact in floating point
    }
    TestCorpus corpus = TestCorpus.integers(13, 500, 6, 3);
    BuildResult built = Indexes.build(corpus, dir, metric, dtype);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      Random r = new Random(14);
      for (int size : new int[] {1, 2, 3, 64, 65, 130}) {
        List<float[]> queries = new ArrayList<>();
        List<SearchRequest> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          float[] q = new float[6];
          for (int j = 0; j < 6; j++) {
            q[j] = r.nextInt(7) - 3;
          }
          queries.add(q);
          batch.add(SearchRequest.builder().setVector(q).optK(5 + i % 3).build());
        }
        List<SearchResponse> got = index.search(SearchBatch.of(batch));
        for (int i = 0; i < size; i++) {
          float[] q = queries.get(i);
          assertSameHits(
              reference,
              q,
              reference.search(q, batch.get(i).k(), null),
              got.get(i),
              0,
              metric + "/" + dtype + " batch " + size + " query " + i);
        }
      }
    }
  }

  @Test
  void perQueryAllowMasksAreExactAtEverySelectivity() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(21, 900, 16);
    BuildResult built = Indexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 1.0);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      Random r = new Random(22);
      double[] passRates = {0, 0.001, 0.01, 0.1, 0.5, 1.0};
      List<SearchRequest> requests = new ArrayList<>();
      List<BitSet> allow = new ArrayList<>();
      List<float[]> queries = new ArrayList<>();
      for (double rate : passRates) {
        for (int k : new int[] {1, 10}) {
          float[] q = TestCorpus.gaussianVector(r, 16);
          BitSet set = new BitSet();
          for (int s = 0; s < corpus.size(); s++) {
            if (r.nextDouble() < rate) {
              set.set(s);
            }
          }
          queries.add(q);
          requests.add(SearchRequest.builder().setVector(q).optK(k).build());
          allow.add(set);
        }
      }
      // Exactly k items pass, and slots in the slack above the items are never returned.
      BitSet exactlyTen = new BitSet();
      exactlyTen.set(100, 110);
      exactlyTen.set(corpus.size(), corpus.size() + 50);
      float[] q = TestCorpus.gaussianVector(r, 16);
      queries.add(q);
      requests.add(SearchRequest.builder().setVector(q).optK(10).build());
      allow.add(exactlyTen);
      List<SearchResponse> got = index.search(new SearchBatch(requests, allow));
      for (int i = 0; i < requests.size(); i++) {
        BitSet inCorpus = (BitSet) allow.get(i).clone();
        inCorpus.clear(corpus.size(), Integer.MAX_VALUE);
        assertSameHits(
            reference,
            queries.get(i),
            reference.search(queries.get(i), requests.get(i).k(), inCorpus),
            got.get(i),
            1e-4,
            "query " + i);
      }
      assertEquals(10, got.get(got.size() - 1).matched());
    }
  }

  /**
   * An index large enough that the two-level search scores several chunks of rows and keeps the
   * best blocks of each (at 33 queries, chunks of 65,536 rows in blocks of 1,024): exact for every
   * batch size and k, with and without per-query masks, and when duplicate vectors tie at the k-th
   * hit (the bound cannot prove the tie, and the full scan answers).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Metric.class,
      names = {"DOT", "L2"})
  void largeIndexesAreExactAcrossChunksAndBlocks(Metric metric) throws Exception {
    int items = 100_000;
    TestCorpus corpus = TestCorpus.gaussian(41, items, 8);
    Random r = new Random(42);
    List<float[]> tied = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      float[] v = corpus.items.get(r.nextInt(items)).vector();
      for (int copy = 0; copy < 3; copy++) {
        corpus.add(8_000_000L + 10L * i + copy, v, java.util.Map.of());
      }
      tied.add(v);
    }
    BuildResult built = Indexes.build(corpus, dir, metric, StorageType.FLOAT32, 0.05);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      for (int size : new int[] {1, 33}) {
        for (int k : new int[] {1, 10, 100}) {
          List<float[]> queries = new ArrayList<>();
          List<BitSet> allow = new ArrayList<>();
          List<SearchRequest> batch = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            float[] q = i < tied.size() ? tied.get(i) : TestCorpus.gaussianVector(r, 8);
            BitSet set = new BitSet();
            set.set(0, corpus.size());
            if (size > 1 && i % 2 == 1) {
              for (int s = 0; s < corpus.size(); s += 1 + r.nextInt(2)) {
                set.clear(s); // two thirds of the items fail: the batch still takes the masked path
              }
            }
            queries.add(q);
            allow.add(set);
            batch.add(SearchRequest.builder().setVector(q).optK(k).build());
          }
          List<SearchResponse> got = index.search(new SearchBatch(batch, allow));
          for (int i = 0; i < size; i++) {
            assertSameHits(
                reference,
                queries.get(i),
                reference.search(queries.get(i), k, allow.get(i)),
                got.get(i),
                1e-4,
                metric + " batch " + size + " k=" + k + " query " + i);
          }
        }
      }
    }
  }

  @Test
  void slackSlotsNeverAppear() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(31, 50, 8);
    BuildResult built = Indexes.build(corpus, dir, Metric.L2, StorageType.FLOAT32, 3.0);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      long capacity = index.metadata().capacity();
      float[] q = new float[8]; // the slack rows are zero vectors: the nearest under l2
      SearchResponse got =
          index.search(SearchRequest.builder().setVector(q).optK((int) capacity).build());
      assertEquals(50, got.hits().size());
      assertEquals(50, got.matched());
      BruteForce reference = new BruteForce(corpus, index.metadata().schema());
      assertSameHits(reference, q, reference.search(q, (int) capacity, null), got, 1e-4, "l2");
    }
  }

  private static void assertSameHits(
      BruteForce reference,
      float[] q,
      BruteForce.Answer expected,
      SearchResponse actual,
      double tolerance,
      String context) {
    HitAssertions.assertSameHits(reference, q, expected, actual, tolerance, context);
  }
}
