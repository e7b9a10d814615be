package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.runtime.SmallWorkCounts;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automatic search first runs on one thread within the {@code smallWork} limit; the model
 * declines larger work and the search runs again on every thread. Whatever the limit, every answer
 * is the brute force's and the same as with the limit off (hits, matched, reported path), and the
 * counts show which searches were declined: none where the whole index is within the limit, every
 * one that reads a row where the limit is 1, some of each in between; a search without a filter on
 * an index over the limit is not tried.
 */
class SmallWorkFirstTest {
  private static final int ITEMS = 3000;
  private static final int DIM = 16;

  @TempDir static Path dir;
  private static TestCorpus corpus;
  private static BuildResult built;
  private static BruteForce reference;
  private static LinrIndex off;

  @BeforeAll
  static void build() throws Exception {
    // Entries in {-1, 0, 1}: many ties at the k-th score.
    corpus = TestCorpus.integers(23, ITEMS, DIM, 1);
    built = Indexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32);
    off = open(built.folder(), "0");
    reference = new BruteForce(corpus, off.metadata().schema());
  }

  @AfterAll
  static void close() {
    off.close();
  }

  private static LinrIndex open(Path folder, String smallWork) throws Exception {
    Map<String, String> args = smallWork == null ? Map.of() : Map.of("smallWork", smallWork);
    return LinrIndex.open(folder, Device.cpu(), args);
  }

  private static BitSet passing(String filter) {
    return IntegerBatches.passing(corpus, filter);
  }

  private static SearchBatch batch(long seed, List<String> filters, int... ks) {
    return IntegerBatches.batch(seed, DIM, filters, ks);
  }

  /** Selective and broad filters, shared and per query, none, and one without any match. */
  private static List<SearchBatch> batches() {
    List<SearchBatch> out = new ArrayList<>();
    out.add(batch(1, Arrays.asList((String) null), 10));
    out.add(batch(2, List.of("company = 1001"), 10));
    out.add(batch(3, List.of("company < 1000"), 5));
    out.add(batch(4, List.of("geo = 'us'"), 20));
    List<String> perQuery = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      perQuery.add("company = " + (1001 + i % 7));
      shared.add("company IN (1002, 1003)");
    }
    out.add(batch(5, perQuery, 1, 10, 25));
    out.add(batch(6, shared, 3, 10));
    out.add(batch(7, Arrays.asList(null, "company = 1003", null, "geo = 'us'"), 10, 4));
    out.add(batch(8, List.of("company >= 1010 AND company < 1040", "company = 1012"), 50));
    return out;
  }

  private static void assertSameAsOff(LinrIndex index, String name) {
    for (SearchBatch b : batches()) {
      List<SearchResponse> want = off.search(b);
      List<SearchResponse> got = index.search(b);
      for (int i = 0; i < b.size(); i++) {
        SearchRequest q = b.requests().get(i);
        String filter = q.filter().orElse(null);
        String context = name + " query " + i + " filter " + filter + " k=" + q.k();
        BruteForce.Answer exact = reference.search(q.vector(), q.k(), passing(filter));
        HitAssertions.assertSameHits(reference, q.vector(), exact, got.get(i), 0, context);
        assertEquals(want.get(i).hits(), got.get(i).hits(), context);
        assertEquals(want.get(i).matched(), got.get(i).matched(), context);
        assertEquals(want.get(i).stats(), got.get(i).stats(), context + ": path");
      }
    }
  }

  private static long searches() {
    return batches().size();
  }

  @Test
  void withTheLimitOffNoSearchRunsOnOneThreadFirst() {
    assertSameAsOff(off, "off");
    assertEquals(new SmallWorkCounts(0, 0), off.smallWorkCounts());
  }

  @Test
  void anIndexWithinTheLimitAnswersEverySearchOnOneThread() throws Exception {
    try (LinrIndex index = open(built.folder(), null)) {
      assertTrue(ITEMS * DIM <= index.options().smallWork(), "the default covers this index");
      assertSameAsOff(index, "default");
      assertEquals(new SmallWorkCounts(searches(), 0), index.smallWorkCounts());
    }
  }

  @Test
  void aLimitOfOneValueDeclinesEverySearchThatReadsARow() throws Exception {
    try (LinrIndex index = open(built.folder(), "1")) {
      assertSameAsOff(index, "limit 1");
      // Only "company < 1000", which no item matches, reads no row; the batch without a filter
      // is not tried.
      assertEquals(new SmallWorkCounts(1, searches() - 2), index.smallWorkCounts());
    }
  }

  @Test
  void aLimitInBetweenAnswersSelectiveSearchesAndDeclinesTheOthers() throws Exception {
    try (LinrIndex index = open(built.folder(), "10000")) {
      assertSameAsOff(index, "limit 10000");
      // Answered: one company (about 60 rows of 16 values, plus a value for the query), no match,
      // and 32 queries sharing two companies (about 120 rows, each scored by 32 queries: 5,760).
      // Declined: too many candidates for the index (geo, a range of 30 companies, a query
      // without a filter beside filtered ones), and 32 queries with their own companies (about
      // 1,920 pairs: 30,720). Not tried: the batch without a filter.
      assertEquals(new SmallWorkCounts(3, 4), index.smallWorkCounts());
    }
  }

  @Test
  void anArchiveOfTheFormatBeforeTheLimitRunsWithoutIt() throws Exception {
    Path copy = dir.resolve("v2");
    Files.createDirectories(copy);
    try (var files = Files.list(built.folder())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    ArchiveEdits.relabelFormatVersion(copy, 2);
    try (LinrIndex index = open(copy, "1")) {
      assertEquals(2, index.metadata().formatVersion());
      assertSameAsOff(index, "format 2");
      assertEquals(new SmallWorkCounts(0, 0), index.smallWorkCounts());
    }
  }
}
