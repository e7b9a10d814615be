package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact path scores a whole batch against the union of its passing items: every query must
 * still get exactly its own hits (the brute force's, tie rule included, scores exact on
 * small-integer vectors), whatever the overlap of the batch's filters, and the planner compacts
 * exactly when that union is small enough.
 */
class CompactBatchTest {
  private static final int ITEMS = 600;
  private static final int DIM = 8;

  @TempDir static Path dir;
  private static TestCorpus corpus;
  private static LinrIndex index;
  private static BruteForce reference;

  @BeforeAll
  static void build() throws Exception {
    // Entries in {-1, 0, 1}: few distinct scores, so most top-k boundaries are ties.
    corpus = TestCorpus.integers(17, ITEMS, DIM, 1);
    BuildResult built = Indexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32);
    index = LinrIndex.open(built.folder());
    reference = new BruteForce(corpus, index.metadata().schema());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static BitSet passing(String filter) {
    return IntegerBatches.passing(corpus, filter);
  }

  private static SearchBatch batch(long seed, List<String> filters, int... ks) {
    return IntegerBatches.batch(seed, DIM, filters, ks);
  }

  /** Every path answers every query exactly as the brute force; compact and masked agree. */
  private static void assertExactOnEveryPath(SearchBatch batch) {
    List<SearchResponse> masked = index.search(batch, index.options().withPath(SearchPath.MASKED));
    for (SearchPath path : SearchPath.values()) {
      List<SearchResponse> got = index.search(batch, index.options().withPath(path));
      for (int i = 0; i < batch.size(); i++) {
        SearchRequest q = batch.requests().get(i);
        String filter = q.filter().orElse(null);
        String context = path + " query " + i + " filter " + filter + " k=" + q.k();
        BruteForce.Answer want = reference.search(q.vector(), q.k(), passing(filter));
        HitAssertions.assertSameHits(reference, q.vector(), want, got.get(i), 0, context);
        assertEquals(masked.get(i).hits(), got.get(i).hits(), context);
        assertEquals(masked.get(i).matched(), got.get(i).matched(), context);
      }
    }
  }

  @Test
  void disjointOverlappingEmptyAndSmallFiltersInOneBatch() {
    assertExactOnEveryPath(
        batch(
            1,
            java.util.Arrays.asList(
                "company = 1001",
                "company = 1002",
                "company IN (1001, 1002, 1003)",
                "company = 1002 AND sponsored = true",
                "company < 1000",
                "company = 1005",
                "company = 1005",
                "geo = 'us' AND company >= 1040",
                "company < 1000",
                "company = 1007"),
            10,
            3,
            50,
            1,
            600));
  }

  @Test
  void aBatchWithoutAnyMatchPadsEveryQuery() {
    SearchBatch b = batch(2, List.of("company < 1000", "company > 2000", "company < 1000"), 5);
    assertExactOnEveryPath(b);
    for (SearchResponse r : index.search(b, index.options().withPath(SearchPath.COMPACT))) {
      assertEquals(0, r.matched());
      assertTrue(r.hits().isEmpty());
    }
  }

  @Test
  void aBatchSharingOneFilterIsExact() {
    List<String> filters = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      filters.add("geo = 'us'");
    }
    assertExactOnEveryPath(batch(3, filters, 1, 7, 10, 25, 200));
  }

  @Test
  void aSharedFilterWithPerQuerySlotRestrictions() {
    SearchBatch plain = batch(7, List.of("geo = 'us'", "geo = 'us'", "geo = 'us'"), 10, 40);
    List<BitSet> allow = new ArrayList<>();
    for (int i = 0; i < plain.size(); i++) {
      BitSet a = new BitSet();
      for (int slot = i; slot < ITEMS; slot += i + 2) {
        a.set(slot);
      }
      allow.add(a);
    }
    SearchBatch restricted = new SearchBatch(plain.requests(), allow);
    for (SearchPath path : SearchPath.values()) {
      List<SearchResponse> got = index.search(restricted, index.options().withPath(path));
      for (int i = 0; i < restricted.size(); i++) {
        SearchRequest q = restricted.requests().get(i);
        BitSet pass = passing(q.filter().get());
        pass.and(allow.get(i));
        String context = path + " query " + i;
        BruteForce.Answer want = reference.search(q.vector(), q.k(), pass);
        HitAssertions.assertSameHits(reference, q.vector(), want, got.get(i), 0, context);
      }
    }
  }

  @Test
  void queriesWithAndWithoutFiltersInOneBatch() {
    assertExactOnEveryPath(
        batch(4, java.util.Arrays.asList(null, "company = 1003", null, "company = 1003"), 10, 4));
  }

  @Test
  void tiesAtTheKthScoreKeepTheLowerSlots() {
    List<String> filters = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      filters.add(i % 2 == 0 ? "geo IN ('us', 'ca')" : "company < 1020");
    }
    SearchBatch b = batch(5, filters, 5, 10, 20);
    int tiedBoundaries = 0;
    for (SearchRequest q : b.requests()) {
      BitSet pass = passing(q.filter().get());
      List<BruteForce.Expected> more = reference.search(q.vector(), q.k() + 1, pass).hits();
      if (more.size() > q.k() && more.get(q.k() - 1).score() == more.get(q.k()).score()) {
        tiedBoundaries++;
      }
    }
    assertTrue(tiedBoundaries > 8, "most k-th scores should tie, got " + tiedBoundaries);
    assertExactOnEveryPath(b);
  }

  @Test
  void thePlannerCompactsWhenTheUnionOfTheBatchsMatchesIsSmall() {
    List<List<String>> batches = new ArrayList<>();
    batches.add(List.of("geo = 'us'"));
    List<String> same = new ArrayList<>();
    List<String> overlapping = new ArrayList<>();
    List<String> disjoint = new ArrayList<>();
    List<String> broad = new ArrayList<>();
    // An OR at the top ("quality < 0" matches nothing) keeps these filters off the attribute index,
    // so that the scan planner decides; the same filters without it take the index (below).
    for (int i = 0; i < 32; i++) {
      same.add("geo = 'us'");
      overlapping.add("company = " + (1000 + i % 3) + " OR quality < 0");
      disjoint.add("company = " + (1000 + i) + " OR quality < 0");
      broad.add("company >= " + (1000 + i));
    }
    batches.addAll(List.of(same, overlapping, disjoint, broad));
    List<String> paths = new ArrayList<>();
    for (List<String> filters : batches) {
      String expected = union(filters) <= budget(filters.size()) ? "compact" : "masked";
      for (SearchResponse r : index.search(batch(6, filters, 10))) {
        assertEquals(expected, r.stats().get("path"), filters.get(filters.size() - 1));
      }
      paths.add(expected);
    }
    // One query with this filter is cheaper masked; 32 share one gather of its items.
    assertEquals(List.of("masked", "compact", "compact", "compact", "masked"), paths);
    // Summed over its queries (the earlier rule), the disjoint batch would not have compacted.
    assertTrue(32 * passing("company = 1001").cardinality() > budget(1));
    // Each query's "company = x" has a few percent of the items as candidates: indexed.
    List<String> indexed = new ArrayList<>();
    for (String f : disjoint) {
      indexed.add(f.replace(" OR quality < 0", ""));
    }
    for (SearchResponse r : index.search(batch(6, indexed, 10))) {
      assertEquals("indexed", r.stats().get("path"));
    }
  }

  /** The most items the union of a batch of {@code b} may hold for the compact path. */
  private static double budget(int b) {
    double t = index.options().compactThreshold();
    return (double) ITEMS * b * t / (b * t + 1 - t);
  }

  private static int union(List<String> filters) {
    BitSet all = new BitSet();
    filters.forEach(f -> all.or(passing(f)));
    return all.cardinality();
  }
}
