package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterParser;
import dev.linr.index.BuildResult;
import dev.linr.index.StoredVectors;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growth of a {@link LiveIndex} from a tiny capacity: a batch larger than the free slots applies,
 * the maximum capacity (or a failed growth) refuses the items beyond it with a clear error while
 * the rest apply, string ids and new dictionary values survive growth, and grown archives are
 * deleted. Every state is checked against {@link LiveReference}: each id's slot, and whole-index
 * searches with and without a filter.
 */
class LiveGrowthTest {
  private static final int DIM = 4;
  private static final int COUNT = 6;
  private static final int CAPACITY = 8;
  private static final String[] GEOS = {"us", "ca", "de"};

  @TempDir Path dir;

  private static LiveReference.Row row(Object id, Random r) {
    Map<String, Object> a =
        Map.of("geo", GEOS[r.nextInt(GEOS.length)], "rank", (long) r.nextInt(100));
    return new LiveReference.Row(id, LiveIndexes.integerVector(r, DIM), a, OptionalLong.empty());
  }

  private static TestCorpus corpus(boolean stringIds) {
    Random r = new Random(3);
    TestCorpus c = new TestCorpus(DIM);
    for (int i = 0; i < COUNT; i++) {
      LiveReference.Row row = row(stringIds ? "item-" + i : (Object) (long) i, r);
      c.add(row.id(), row.vector(), row.attributes());
    }
    return c;
  }

  private LiveIndex open(TestCorpus corpus, LiveIndex.Builder options) throws Exception {
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    return options.setArchive(built.folder()).optClock(() -> 0).build();
  }

  private static List<LiveReference.Row> rows(int count, long firstId, long seed) {
    Random r = new Random(seed);
    List<LiveReference.Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row(firstId + i, r));
    }
    return rows;
  }

  private static List<String> json(List<LiveReference.Row> rows) {
    return rows.stream().map(LiveReference.Row::json).toList();
  }

  /** Each id's slot, and every item by a few queries with and without filters. */
  private static void assertSameAsReference(LiveIndex live, LiveReference reference) {
    for (Object id : reference.ids()) {
      assertEquals((long) reference.slotOf(id), live.slotOf(id), "slot of " + id);
    }
    Random r = new Random(9);
    for (String f : new String[] {null, "geo = 'ca'", "rank < 50 AND geo IN ('us', 'de')"}) {
      float[] q = LiveIndexes.integerVector(r, DIM);
      Filter filter = f == null ? null : FilterParser.parse(f);
      SearchRequest.Builder b = SearchRequest.builder().setVector(q).optK(1000);
      if (f != null) {
        b.optFilter(f);
      }
      SearchResponse got = live.search(b.build());
      BruteForce.Answer want = reference.search(q, 1000, filter, 0);
      HitAssertions.assertSameHits(null, q, want, got, 0, "filter " + f);
    }
    assertEquals(reference.size(), live.size());
  }

  @Test
  void aBatchLargerThanTheFreeSlotsIsApplied() throws Exception {
    TestCorpus corpus = corpus(false);
    try (LiveIndex live = open(corpus, LiveIndex.builder())) {
      LiveReference reference = new LiveReference(live.schema(), 10_000, corpus);
      List<LiveReference.Row> rows = rows(30, 100, 1);
      reference.upsert(rows);
      UpdateResult r = live.upsert(json(rows));
      assertEquals(new UpdateResult(30, List.of()), r);
      assertTrue(live.capacity() >= COUNT + 30, "capacity " + live.capacity());
      assertTrue(live.growths() >= 1);
      assertSameAsReference(live, reference);
    }
  }

  @Test
  void theMaximumCapacityRefusesTheItemsBeyondItWhileTheRestApply() throws Exception {
    TestCorpus corpus = corpus(false);
    try (LiveIndex live = open(corpus, LiveIndex.builder().optMaxCapacity(16))) {
      LiveReference reference = new LiveReference(live.schema(), 16, corpus);
      List<LiveReference.Row> rows = rows(14, 100, 2);
      int[] slots = reference.upsert(rows);
      UpdateResult r = live.upsert(json(rows));
      assertEquals(10, r.applied(), r.toString());
      List<UpdateResult.ItemError> want = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (slots[i] < 0) {
          want.add(
              new UpdateResult.ItemError(
                  i, "id", "index full: capacity 16 is the maximum capacity"));
        }
      }
      assertEquals(4, want.size());
      assertEquals(want, r.errors());
      assertEquals(16, live.capacity());
      assertSameAsReference(live, reference);
      // A deleted item's slot is taken by the next item.
      assertEquals(1, live.delete(List.of(3L)).applied());
      reference.delete(3L);
      List<LiveReference.Row> more = rows(1, 500, 3);
      reference.upsert(more);
      assertEquals(1, live.upsert(json(more)).applied());
      assertSameAsReference(live, reference);
    }
  }

  @Test
  void aFailedGrowthRefusesTheItemsThatFindNoSlotNamingTheFailure() throws Exception {
    TestCorpus corpus = corpus(false);
    Path notAFolder = Files.writeString(dir.resolve("file"), "not a folder");
    try (LiveIndex live =
        open(corpus, LiveIndex.builder().optGrowthDirectory(notAFolder.resolve("growth")))) {
      LiveReference reference = new LiveReference(live.schema(), CAPACITY, corpus);
      List<LiveReference.Row> rows = rows(4, 100, 7);
      reference.upsert(rows);
      UpdateResult r = live.upsert(json(rows));
      assertEquals(2, r.applied(), r.toString());
      assertEquals(2, r.errors().size(), r.toString());
      for (int i = 0; i < 2; i++) {
        UpdateResult.ItemError e = r.errors().get(i);
        assertEquals(2 + i, e.index());
        assertEquals("id", e.field());
        assertTrue(
            e.message().startsWith("index full: capacity 8; growing the index failed: "),
            e.message());
      }
      assertEquals(CAPACITY, live.capacity());
      assertEquals(0, live.growths());
      assertSameAsReference(live, reference);
    }
  }

  @Test
  void stringIdsAndNewValuesSurviveGrowth() throws Exception {
    TestCorpus corpus = corpus(true);
    try (LiveIndex live = open(corpus, LiveIndex.builder())) {
      LiveReference reference = new LiveReference(live.schema(), 10_000, corpus);
      Random r = new Random(4);
      // geo is a bitset column of 8 bits: room for 4 values beyond the build's 3.
      for (int round = 0; round < 4; round++) {
        List<LiveReference.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          LiveReference.Row base = row("s-" + round + "-" + i, r);
          Map<String, Object> a = Map.of("geo", "geo-" + round, "rank", (long) i);
          rows.add(new LiveReference.Row(base.id(), base.vector(), a, OptionalLong.empty()));
        }
        rows.add(row("item-" + round, r)); // a rewrite
        reference.upsert(rows);
        UpdateResult result = live.upsert(json(rows));
        assertEquals(new UpdateResult(rows.size(), List.of()), result);
        Object gone = "s-" + round + "-0";
        reference.delete(gone);
        assertEquals(1, live.delete(List.of(gone)).applied());
        assertSameAsReference(live, reference);
        SearchResponse newest =
            live.search(
                SearchRequest.builder()
                    .setVector(new float[DIM])
                    .optK(100)
                    .optFilter("geo = 'geo-" + round + "'")
                    .build());
        assertEquals(4, newest.matched(), "round " + round);
      }
      assertTrue(live.growths() >= 2, "grew " + live.growths() + " times");
    }
  }

  /**
   * Cosine vectors whose stored form would change if normalised again: growth must write the stored
   * vectors as they are.
   */
  private static TestCorpus renormalisationSensitive(int count, long firstId, Random r) {
    IndexSchema cosine =
        IndexSchema.builder()
            .setDimension(DIM)
            .optMetric(Metric.COSINE)
            .optDtype(StorageType.FLOAT32)
            .build();
    TestCorpus c = new TestCorpus(DIM);
    while (c.size() < count) {
      float[] v = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        v[i] = (float) r.nextGaussian();
      }
      float[] stored = StoredVectors.stored(cosine, v);
      if (!Arrays.equals(stored, StoredVectors.stored(cosine, stored))) {
        c.add(firstId + c.size(), v, Map.of("rank", (long) c.size()));
      }
    }
    return c;
  }

  @Test
  void growthKeepsStoredCosineVectorsBitForBit() throws Exception {
    Random r = new Random(8);
    TestCorpus corpus = renormalisationSensitive(COUNT, 0, r);
    BuildResult built =
        LiveIndexes.build(corpus, dir, Metric.COSINE, StorageType.FLOAT32, CAPACITY);
    try (LiveIndex live = LiveIndex.builder().setArchive(built.folder()).build()) {
      Map<Object, List<Float>> before = vectors(live);
      TestCorpus more = renormalisationSensitive(10, 100, r);
      List<String> lines = new ArrayList<>();
      for (TestCorpus.TestItem item : more.items) {
        lines.add(
            new LiveReference.Row(item.id(), item.vector(), item.attributes(), OptionalLong.empty())
                .json());
      }
      assertEquals(10, live.upsert(lines).applied());
      assertTrue(live.growths() >= 1);
      Map<Object, List<Float>> after = vectors(live);
      after.keySet().retainAll(before.keySet());
      assertEquals(before, after);
    }
  }

  private static Map<Object, List<Float>> vectors(LiveIndex live) {
    Map<Object, List<Float>> out = new java.util.TreeMap<>();
    live.forEachItem(
        (id, vector, attributes, expiresAt) -> {
          List<Float> v = new ArrayList<>();
          for (float x : vector) {
            v.add(x);
          }
          out.put(id, v);
        });
    return out;
  }

  @Test
  void grownArchivesLiveInTheGrowthFolderUntilReplacedOrClosed() throws Exception {
    TestCorpus corpus = corpus(false);
    Path growth = dir.resolve("growth");
    try (LiveIndex live = open(corpus, LiveIndex.builder().optGrowthDirectory(growth))) {
      long id = 100;
      for (int i = 0; i < 3; i++) {
        int growths = live.growths();
        int batch = (int) (live.capacity() - live.size() + 1);
        assertEquals(batch, live.upsert(json(rows(batch, id, i))).applied());
        id += batch;
        assertTrue(live.growths() > growths);
        assertEquals(List.of("generation-" + live.growths()), generations(growth));
      }
    }
    try (Stream<Path> left = Files.list(growth)) {
      assertEquals(List.of(), left.toList());
    }
  }

  /** The generation folders in the index's one temporary folder under {@code growth}. */
  private static List<String> generations(Path growth) throws Exception {
    try (Stream<Path> tmp = Files.list(growth)) {
      List<Path> folders = tmp.toList();
      assertEquals(1, folders.size(), folders.toString());
      try (Stream<Path> g = Files.list(folders.get(0))) {
        return g.map(p -> p.getFileName().toString()).sorted().toList();
      }
    }
  }
}
