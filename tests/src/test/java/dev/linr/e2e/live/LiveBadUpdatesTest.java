package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad updates are refused one by one, with the field at fault, while the batch's other items apply
 * and the index holds exactly what the reference holds.
 */
class LiveBadUpdatesTest {
  private static final int DIM = 4;
  private static final int COUNT = 40;

  @TempDir Path dir;

  /** A corpus whose "cat" attribute has 63 distinct values: a full int64 bitset column. */
  private static TestCorpus corpus() {
    TestCorpus c = LiveIndexes.corpus(5, COUNT, DIM);
    TestCorpus out = new TestCorpus(DIM);
    for (int i = 0; i < c.size(); i++) {
      Map<String, Object> a = new LinkedHashMap<>(c.items.get(i).attributes());
      a.put("cat", List.of("c" + i, "c" + (i + 23 <= 62 ? i + 23 : i)));
      out.add(c.items.get(i).id(), c.items.get(i).vector(), a);
    }
    return out;
  }

  private static LiveReference.Row row(long id, float[] v, Map<String, Object> attributes) {
    return new LiveReference.Row(id, v, attributes, OptionalLong.empty());
  }

  private static String good(long id) {
    return row(
            id, new float[] {1, 2, 3, (float) id}, Map.of("company", 1001L, "cat", List.of("c1")))
        .json();
  }

  /** The whole index against the reference: every item, its score, attributes and vector. */
  private static void assertSameAsReference(LiveIndex live, LiveReference reference) {
    float[] q = {1, -1, 2, 1};
    BruteForce.Answer want = reference.search(q, 500, null, 0);
    var got =
        live.search(
            SearchRequest.builder()
                .setVector(q)
                .optK(500)
                .optInclude(dev.linr.query.Include.ATTRIBUTES)
                .build());
    HitAssertions.assertSameHits(null, q, want, got, 0, "whole index");
    for (var h : got.hits()) {
      assertEquals(
          reference.row(h.id()).attributes().keySet(), h.attributes().keySet(), "" + h.id());
    }
  }

  private LiveIndex open(TestCorpus corpus, long capacity) throws Exception {
    return open(corpus, capacity, LiveIndex.Builder.DEFAULT_GROWTH_FACTOR);
  }

  private LiveIndex open(TestCorpus corpus, long capacity, double growthFactor) throws Exception {
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, capacity);
    return LiveIndex.builder()
        .setArchive(built.folder())
        .optClock(() -> 0)
        .optGrowthFactor(growthFactor)
        .build();
  }

  private static void assertRefused(UpdateResult r, int index, String field, String message) {
    assertEquals(1, r.errors().size(), r.toString());
    UpdateResult.ItemError e = r.errors().get(0);
    assertEquals(index, e.index(), r.toString());
    assertEquals(field, e.field(), r.toString());
    assertTrue(e.message().contains(message), e.message());
  }

  private void refusedWhileTheRestApply(String bad, String field, String message) throws Exception {
    TestCorpus corpus = corpus();
    try (LiveIndex live = open(corpus, 60)) {
      LiveReference reference = new LiveReference(live.schema(), 60, corpus);
      UpdateResult r = live.upsert(List.of(good(500), bad, good(501)));
      assertRefused(r, 1, field, message);
      assertEquals(2, r.applied());
      reference.upsert(
          List.of(
              row(500, new float[] {1, 2, 3, 500}, Map.of("company", 1001L, "cat", List.of("c1"))),
              row(
                  501,
                  new float[] {1, 2, 3, 501},
                  Map.of("company", 1001L, "cat", List.of("c1")))));
      assertSameAsReference(live, reference);
      assertEquals(-1, live.slotOf(7777L));
    }
  }

  @Test
  void wrongDimensionIsRefused() throws Exception {
    refusedWhileTheRestApply("{\"id\": 7777, \"vector\": [1, 2, 3]}", "vector", "3 values");
  }

  @Test
  void nanIsRefused() throws Exception {
    refusedWhileTheRestApply("{\"id\": 7777, \"vector\": [1, NaN, 3, 4]}", "vector", "NaN");
  }

  @Test
  void attributeTypeContradictingTheSchemaIsRefused() throws Exception {
    refusedWhileTheRestApply(
        "{\"id\": 7777, \"vector\": [1, 2, 3, 4], \"attributes\": {\"company\": \"acme\"}}",
        "attributes.company",
        "company");
  }

  @Test
  void newValueInAFullBitsetColumnIsRefusedAskingForARebuild() throws Exception {
    refusedWhileTheRestApply(
        "{\"id\": 7777, \"vector\": [1, 2, 3, 4], \"attributes\": {\"cat\": [\"c1\", \"new\"]}}",
        "attributes.cat",
        "holds at most 63 values and has 63; rebuild the index");
  }

  @Test
  void fullIndexWithGrowthOffRefusesTheItemsThatFindNoSlot() throws Exception {
    TestCorpus corpus = corpus();
    try (LiveIndex live = open(corpus, COUNT + 1, 1)) {
      LiveReference reference = new LiveReference(live.schema(), COUNT + 1, corpus);
      UpdateResult r = live.upsert(List.of(good(500), good(501)));
      assertRefused(
          r,
          1,
          "id",
          "index full: capacity "
              + (COUNT + 1)
              + "; growth is off (growth factor 1): rebuild with more slack");
      reference.upsert(
          List.of(
              row(
                  500,
                  new float[] {1, 2, 3, 500},
                  Map.of("company", 1001L, "cat", List.of("c1")))));
      assertSameAsReference(live, reference);
      // A rewrite needs a free slot too; after a delete the slot is reused.
      assertEquals(1, live.delete(List.of(1L)).applied());
      reference.delete(1L);
      assertEquals(1, live.upsert(List.of(good(501))).applied());
      reference.upsert(
          List.of(
              row(
                  501,
                  new float[] {1, 2, 3, 501},
                  Map.of("company", 1001L, "cat", List.of("c1")))));
      assertEquals(0, live.slotOf(501L));
      assertSameAsReference(live, reference);
    }
  }

  @Test
  void deletingAnUnknownIdIsReportedAndDeletesNothingElse() throws Exception {
    TestCorpus corpus = corpus();
    try (LiveIndex live = open(corpus, 60)) {
      LiveReference reference = new LiveReference(live.schema(), 60, corpus);
      UpdateResult r = live.delete(List.of(2L, 999L, 3L));
      assertRefused(r, 1, "id", "id 999 is not in the index");
      assertEquals(2, r.applied());
      reference.delete(2L);
      reference.delete(3L);
      assertSameAsReference(live, reference);
    }
  }

  @Test
  void newValueInACodeColumnWithRoomIsAddedAndFilterable() throws Exception {
    TestCorpus corpus = corpus();
    try (LiveIndex live = open(corpus, 60)) {
      Random r = new Random(3);
      String item =
          new LiveReference.Row(
                  600L,
                  LiveIndexes.integerVector(r, DIM),
                  Map.of("tags", List.of("brand-new-tag")),
                  OptionalLong.empty())
              .json();
      assertEquals(1, live.upsert(List.of(item)).applied());
      var got =
          live.search(
              SearchRequest.builder()
                  .setVector(new float[DIM])
                  .optFilter("tags = 'brand-new-tag'")
                  .optInclude(dev.linr.query.Include.ATTRIBUTES)
                  .build());
      assertEquals(1, got.matched());
      assertEquals(600L, got.hits().get(0).id());
      assertEquals(List.of("brand-new-tag"), got.hits().get(0).attributes().get("tags"));
    }
  }
}
