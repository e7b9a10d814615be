package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.FilterCorpus;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.Literal;
import dev.linr.filter.RandomFilters;
import dev.linr.index.BuildProgress;
import dev.linr.index.BuildResult;
import dev.linr.index.StoredVectors;
import dev.linr.items.Item;
import dev.linr.items.ItemList;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.LiveState;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random interleavings of upserts (new and existing ids, with and without expiry, with new
 * dictionary values), deletes, clock steps, expiry sweeps and queries, checked after every step
 * against {@link LiveReference}: exact hits (ids, scores, order including ties), {@code matched},
 * included attributes and vectors, the slot each id holds (slot reuse) and each update's result;
 * with growth off (the index fills up) and from a tiny capacity that grows again and again.
 */
class LivePropertyTest {
  private static final int DIM = 6;
  private static final int INITIAL = 150;
  private static final int CAPACITY = 190;
  private static final int TINY = 5;
  private static final int TINY_CAPACITY = 8;
  private static final long T0 = 1_800_000_000L;
  private static final String[] NEW_AUTHORS = {"author-new-0", "author-new-1", "author-new-2"};
  private static final String[] NEW_TAGS = {"tag-new-0", "tag-new-1"};
  private static final String[] NEW_SKILLS = {"cobol", "fortran"};

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"DOT, FLOAT32, 7", "L2, FLOAT16, 8"})
  void randomUpdatesAndQueriesMatchTheReferenceAfterEveryStep(
      Metric metric, StorageType dtype, long seed) throws Exception {
    TestCorpus corpus = corpus(seed);
    BuildResult built = LiveIndexes.build(corpus, dir, metric, dtype, CAPACITY);
    AtomicLong clock = new AtomicLong(T0);
    try (LiveIndex live =
        LiveIndex.builder()
            .setArchive(built.folder())
            .optClock(clock::get)
            .optGrowthFactor(1)
            .build()) {
      LiveReference reference = new LiveReference(live.schema(), CAPACITY, corpus);
      Outcome o = run(live, reference, clock, seed, metric + " step ");
      assertTrue(o.reused > 10, "freed slots were reused " + o.reused + " times");
      assertTrue(o.fullErrors > 0, "the index never filled up");
      assertEquals(CAPACITY, live.capacity());
    }
  }

  /**
   * An index of {@value #TINY} items in {@value #TINY_CAPACITY} slots (with the column encodings of
   * the full corpus) grows again and again under the same random steps, and matches the reference
   * of an index that never fills up after every step: the same slots, hits and results.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"DOT, FLOAT32, 9", "L2, FLOAT16, 10"})
  void growingFromEightSlotsMatchesTheReferenceAfterEveryStep(
      Metric metric, StorageType dtype, long seed) throws Exception {
    TestCorpus full = corpus(seed);
    BuildResult built = LiveIndexes.build(full, dir, metric, dtype, CAPACITY);
    Path tiny = dir.resolve("tiny");
    try (LiveIndex live = LiveIndex.builder().setArchive(built.folder()).build()) {
      LiveState s = live.copyState();
      List<Item> first = new ArrayList<>();
      for (int i = 0; i < TINY; i++) {
        first.add(s.items().item(i));
      }
      new LiveState(new ItemList(first), s.schema(), TINY_CAPACITY, s.dictionaries(), s.widths())
          .writeArchive(tiny, BuildProgress.NONE);
    }
    TestCorpus corpus = new TestCorpus(DIM);
    full.items.subList(0, TINY).forEach(i -> corpus.add(i.id(), i.vector(), i.attributes()));
    AtomicLong clock = new AtomicLong(T0);
    try (LiveIndex live = LiveIndex.builder().setArchive(tiny).optClock(clock::get).build()) {
      assertEquals(TINY_CAPACITY, live.capacity());
      LiveReference reference = new LiveReference(live.schema(), 100_000, corpus);
      Outcome o = run(live, reference, clock, seed, metric + " growing, step ");
      assertEquals(0, o.fullErrors, "items refused");
      assertTrue(o.reused > 10, "freed slots were reused " + o.reused + " times");
      assertTrue(live.growths() >= 3, "grew " + live.growths() + " times");
      assertTrue(live.capacity() >= live.size(), live.capacity() + " slots");
    }
  }

  private static TestCorpus corpus(long seed) {
    TestCorpus corpus = LiveIndexes.corpus(seed, INITIAL, DIM);
    for (int i = 0; i < 20; i++) {
      corpus.items.get(i).attributes().put("author", "author-" + i);
    }
    return corpus;
  }

  /** What a run of random steps saw. */
  private static final class Outcome {
    int fullErrors;
    int reused;
  }

  private static Outcome run(
      LiveIndex live, LiveReference reference, AtomicLong clock, long seed, String label) {
    IndexSchema schema = live.schema();
    RandomFilters filters = new RandomFilters(schema, pools(), seed * 31);
    Random r = new Random(seed);
    long nextId = 1_000_000;
    Outcome o = new Outcome();
    Set<Long> freedSlots = new HashSet<>();
    for (int step = 0; step < 400; step++) {
      String at = label + step;
      int kind = r.nextInt(10);
      if (kind < 5) {
        List<LiveReference.Row> rows = new ArrayList<>();
        Set<Object> inBatch = new HashSet<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
          Object id;
          if (r.nextInt(3) == 0 && reference.size() > 0) {
            List<Object> ids = reference.ids();
            id = ids.get(r.nextInt(ids.size()));
          } else {
            id = nextId++;
          }
          if (inBatch.add(id)) {
            rows.add(randomRow(r, id, clock.get()));
          }
        }
        int[] expected = reference.upsert(rows);
        UpdateResult result = live.upsert(rows.stream().map(LiveReference.Row::json).toList());
        int applied = 0;
        for (int i = 0; i < rows.size(); i++) {
          if (expected[i] < 0) {
            o.fullErrors++;
            assertTrue(
                result.errors().stream()
                    .anyMatch(e -> e.message().startsWith("index full: capacity " + CAPACITY)),
                at + ": " + result);
          } else {
            applied++;
            assertEquals(expected[i], live.slotOf(rows.get(i).id()), at + ": slot; " + result);
            if (freedSlots.remove((long) expected[i])) {
              o.reused++;
            }
          }
        }
        assertEquals(applied, result.applied(), at + ": " + result);
      } else if (kind < 7 && reference.size() > 0) {
        List<Object> ids = reference.ids();
        Object id = r.nextInt(8) == 0 ? (Object) (nextId + 5) : ids.get(r.nextInt(ids.size()));
        Integer slot = reference.slotOf(id);
        boolean present = reference.delete(id);
        UpdateResult result = live.delete(List.of(id));
        assertEquals(present ? 1 : 0, result.applied(), at + ": " + result);
        if (present) {
          freedSlots.add((long) slot);
        }
      } else if (kind < 8) {
        clock.addAndGet(r.nextInt(6));
        if (r.nextBoolean()) {
          Set<Long> before = slotsOf(live, reference);
          int swept = reference.expire(clock.get());
          assertEquals(swept, live.expire(clock.get()), at + ": swept");
          before.removeAll(slotsOf(live, reference));
          freedSlots.addAll(before);
        }
      }
      assertEquals(reference.size(), live.size(), at + ": size");
      query(live, reference, filters, r, clock.get(), schema, at);
    }
    return o;
  }

  private static Set<Long> slotsOf(LiveIndex live, LiveReference reference) {
    Set<Long> out = new HashSet<>();
    for (Object id : reference.ids()) {
      out.add(live.slotOf(id));
    }
    return out;
  }

  private static LiveReference.Row randomRow(Random r, Object id, long now) {
    Map<String, Object> a = new LinkedHashMap<>(LiveIndexes.attributes(r));
    // Authors have a code column of int8 (at most 127 values): keep new values to a known few so
    // that it never fills up here (a full column is the bad update suite's concern).
    a.put("author", "author-" + r.nextInt(20));
    if (r.nextInt(4) == 0) {
      a.put("author", NEW_AUTHORS[r.nextInt(NEW_AUTHORS.length)]);
    }
    if (r.nextInt(4) == 0) {
      a.put("tags", List.of(NEW_TAGS[r.nextInt(NEW_TAGS.length)], "tag-1"));
    }
    if (r.nextInt(5) == 0) {
      a.put("skills", List.of(NEW_SKILLS[r.nextInt(NEW_SKILLS.length)]));
    }
    OptionalLong expires =
        r.nextInt(3) == 0 ? OptionalLong.of(now + r.nextInt(25) - 3) : OptionalLong.empty();
    return new LiveReference.Row(id, LiveIndexes.integerVector(r, DIM), a, expires);
  }

  private static Map<String, List<Literal>> pools() {
    Map<String, List<Literal>> pools = new LinkedHashMap<>(FilterCorpus.pools());
    add(pools, "author", NEW_AUTHORS);
    add(pools, "tags", NEW_TAGS);
    add(pools, "skills", NEW_SKILLS);
    return pools;
  }

  private static void add(Map<String, List<Literal>> pools, String name, String[] values) {
    List<Literal> list = new ArrayList<>(pools.getOrDefault(name, List.of()));
    for (String v : values) {
      list.add(new Literal.Str(v));
    }
    pools.put(name, list);
  }

  private static void query(
      LiveIndex live,
      LiveReference reference,
      RandomFilters filters,
      Random r,
      long now,
      IndexSchema schema,
      String at) {
    float[] q = LiveIndexes.integerVector(r, DIM);
    int k = new int[] {1, 3, 10, 200}[r.nextInt(4)];
    Filter filter = r.nextInt(3) == 0 ? null : filters.next(3);
    SearchRequest.Builder b =
        SearchRequest.builder().setVector(q).optK(k).optInclude(Include.ATTRIBUTES, Include.VECTOR);
    if (filter != null) {
      b.optFilter(filter.toString());
    }
    SearchPath path = SearchPath.values()[r.nextInt(SearchPath.values().length)];
    SearchResponse got =
        live.search(SearchBatch.of(List.of(b.build())), live.options().withPath(path)).get(0);
    BruteForce.Answer want = reference.search(q, k, filter, now);
    String context = at + " filter " + filter + " k " + k + " path " + path;
    HitAssertions.assertSameHits(null, q, want, got, 0, context);
    for (Hit h : got.hits()) {
      LiveReference.Row row = reference.row(h.id());
      assertArrayEquals(
          StoredVectors.stored(schema, row.vector()), h.vector(), context + ": vector " + h.id());
      assertEquals(
          normalised(row.attributes()),
          normalised(h.attributes()),
          context + ": attributes " + h.id());
    }
  }

  /** Multi-valued attributes as sorted sets (bitset columns keep sets, not input order). */
  private static Map<String, Object> normalised(Map<String, ?> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach(
        (name, v) -> {
          if (v instanceof Collection<?> c) {
            TreeSet<String> set = new TreeSet<>();
            c.forEach(x -> set.add(x.toString()));
            out.put(name, set);
          } else {
            out.put(name, v);
          }
        });
    return out;
  }
}
