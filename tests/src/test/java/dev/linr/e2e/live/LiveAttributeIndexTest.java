package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterParser;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribute index under live updates: rows written after it was built (new slots above its
 * mark, and freed slots below it taken by other items, whose sorted entries still hold the old
 * values) are found by indexed searches, before and after the update that rebuilds it.
 */
class LiveAttributeIndexTest {
  private static final int DIM = 8;
  private static final int ITEMS = 2000;
  private static final int CAPACITY = 6000;
  private static final int BATCH = 50;

  /** Rows written before a rebuild: more than 1/32 of the slots in use and more than 1,024. */
  private static final int REBUILD_AFTER = 1024;

  /** New and rewritten items take ranks from here on, which no built item has. */
  private static final long NEW_RANKS = 5000;

  @TempDir Path dir;

  @Test
  void rowsWrittenSinceTheIndexWasBuiltAreFoundBeforeAndAfterItsRebuild() throws Exception {
    TestCorpus corpus = LiveIndexes.corpus(21, ITEMS, DIM);
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    Random r = new Random(22);
    try (LiveIndex live =
        LiveIndex.builder().setArchive(built.folder()).optGrowthFactor(1).build()) {
      LiveReference reference = new LiveReference(live.schema(), CAPACITY, corpus);
      long nextId = 1_000_000;
      int written = 0;
      boolean sawStale = false;
      boolean sawRebuilt = false;
      for (int batch = 0; written <= REBUILD_AFTER + 3 * BATCH; batch++) {
        List<LiveReference.Row> rows = new ArrayList<>();
        List<Object> ids = reference.ids();
        for (int i = 0; i < BATCH; i++) {
          // Half rewrite built items (their new rows take freed slots below the mark, where the
          // sorted columns still hold the old item's values), half are new.
          Object id = i % 2 == 0 ? ids.get(r.nextInt(ids.size())) : nextId++;
          if (rows.stream().noneMatch(row -> row.id().equals(id))) {
            rows.add(row(r, id));
          }
        }
        reference.upsert(rows);
        assertEquals(
            rows.size(),
            live.upsert(rows.stream().map(LiveReference.Row::json).toList()).applied());
        boolean rebuilt = written <= REBUILD_AFTER && written + rows.size() > REBUILD_AFTER;
        written += rows.size();
        if (batch % 3 == 0 && !ids.isEmpty()) {
          Object gone = ids.get(r.nextInt(ids.size()));
          reference.delete(gone);
          live.delete(List.of(gone));
        }
        String at = "batch " + batch + ", " + written + " rows written";
        for (String filter : filters(r)) {
          check(live, reference, r, filter, at);
        }
        checkOneShapeBatch(live, reference, r, at);
        // "rank = x" has one candidate; the rows written since the build join it, so the
        // planner leaves the index once they pass a tenth of the slots, until the rebuild.
        String selective = "rank = " + r.nextInt(ITEMS);
        String path = pathOf(live, selective);
        if (written > live.hwm() / 10 && written <= REBUILD_AFTER) {
          assertEquals("compact", path, at + ": " + selective);
          sawStale = true;
        }
        if (rebuilt) {
          assertEquals("indexed", path, at + ": the index was rebuilt");
          sawRebuilt = true;
        }
      }
      assertTrue(sawStale && sawRebuilt, "stale " + sawStale + ", rebuilt " + sawRebuilt);
    }
  }

  private static List<String> filters(Random r) {
    long x = r.nextInt(ITEMS);
    long fresh = NEW_RANKS + r.nextInt(40);
    return List.of(
        "rank = " + x,
        "rank BETWEEN " + x + " AND " + (x + 30),
        "rank >= " + fresh + " AND rank < " + (fresh + 5),
        "rank >= " + NEW_RANKS,
        "company = " + (1000 + r.nextInt(50)) + " AND rank < " + (x + 200),
        "author IN ('author-" + r.nextInt(200) + "', 'author-new') AND EXISTS(company)",
        "quality >= 0.98");
  }

  private static LiveReference.Row row(Random r, Object id) {
    Map<String, Object> a = new LinkedHashMap<>(LiveIndexes.attributes(r));
    a.put("rank", NEW_RANKS + r.nextInt(40));
    a.put("author", r.nextInt(4) == 0 ? "author-new" : "author-" + r.nextInt(200));
    return new LiveReference.Row(id, LiveIndexes.integerVector(r, DIM), a, OptionalLong.empty());
  }

  /** One query on the indexed, masked and automatic paths, each against the reference. */
  private static void check(
      LiveIndex live, LiveReference reference, Random r, String filter, String at) {
    float[] q = LiveIndexes.integerVector(r, DIM);
    int k = new int[] {1, 10, 100}[r.nextInt(3)];
    Filter parsed = FilterParser.parse(filter);
    BruteForce.Answer want = reference.search(q, k, parsed, 0);
    SearchRequest request = SearchRequest.builder().setVector(q).optK(k).optFilter(filter).build();
    for (SearchPath path : List.of(SearchPath.INDEXED, SearchPath.MASKED, SearchPath.AUTO)) {
      SearchResponse got =
          live.search(SearchBatch.of(List.of(request)), live.options().withPath(path)).get(0);
      HitAssertions.assertSameHits(null, q, want, got, 0, at + ": " + filter + " " + path);
    }
  }

  /**
   * A batch whose queries share one filter shape with their own values (evaluated together), on the
   * indexed, masked and automatic paths, each query against the reference.
   */
  private static void checkOneShapeBatch(
      LiveIndex live, LiveReference reference, Random r, String at) {
    List<SearchRequest> requests = new ArrayList<>();
    List<BruteForce.Answer> wanted = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long lo = i % 2 == 0 ? r.nextInt(ITEMS) : NEW_RANKS + r.nextInt(40);
      String filter = "rank >= " + lo + " AND rank < " + (lo + 1 + r.nextInt(20));
      float[] q = LiveIndexes.integerVector(r, DIM);
      requests.add(SearchRequest.builder().setVector(q).optK(10).optFilter(filter).build());
      wanted.add(reference.search(q, 10, FilterParser.parse(filter), 0));
    }
    for (SearchPath path : List.of(SearchPath.INDEXED, SearchPath.MASKED, SearchPath.AUTO)) {
      List<SearchResponse> got =
          live.search(SearchBatch.of(requests), live.options().withPath(path));
      for (int i = 0; i < requests.size(); i++) {
        HitAssertions.assertSameHits(
            null,
            requests.get(i).vector(),
            wanted.get(i),
            got.get(i),
            0,
            at + ": one-shape batch " + requests.get(i).filter().get() + " " + path);
      }
    }
  }

  private static String pathOf(LiveIndex live, String filter) {
    SearchRequest request =
        SearchRequest.builder().setVector(new float[DIM]).optFilter(filter).build();
    return live.search(request).stats().get("path").toString();
  }
}
