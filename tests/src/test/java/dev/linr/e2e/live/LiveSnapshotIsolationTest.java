package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches running while an updater rewrites, deletes and inserts items answer from one published
 * state: every answer equals the plain-Java answer over the items of some state between the one
 * current when the search started and the one its concurrent update published (with every hit's
 * vector, attributes and score those of that state), so no id appears twice, none is missing and no
 * hit comes from a slot reused by a later item. With string ids, new ids extend the id table that
 * searches read while decoding hits.
 */
class LiveSnapshotIsolationTest {
  private static final int DIM = 4;
  private static final int STABLE = 40;
  private static final int MAX_TRANSIENT = 30;
  private static final int UPDATES = 400;
  private static final int READERS = 2;

  @TempDir Path dir;

  /** An item as the reference holds it: its vector, whose first value is its "rank" attribute. */
  private record Item(float[] vector) {
    long rank() {
      return (long) vector[0];
    }
  }

  private static float[] vector(Random r, int rank) {
    return new float[] {rank, r.nextInt(7) - 3, r.nextInt(7) - 3, r.nextInt(7) - 3};
  }

  private static String json(Object id, float[] v) {
    return new LiveReference.Row(id, v, Map.of("rank", (long) v[0]), OptionalLong.empty()).json();
  }

  /** Item {@code n}'s id: {@code n}, or {@code "item-<n>"} with string ids. */
  private static Object id(long n, boolean stringIds) {
    return stringIds ? "item-" + n : (Object) n;
  }

  @Test
  void everyAnswerIsThatOfOneStatePublishedDuringTheSearch() throws Exception {
    run(false);
  }

  @Test
  void everyAnswerWithStringIdsIsThatOfOneStatePublishedDuringTheSearch() throws Exception {
    run(true);
  }

  private void run(boolean stringIds) throws Exception {
    Random r = new Random(7);
    TestCorpus corpus = new TestCorpus(DIM);
    Map<Object, Item> state = new HashMap<>();
    for (long n = 1; n <= STABLE; n++) {
      float[] v = vector(r, 0);
      corpus.add(id(n, stringIds), v, Map.of("rank", 0L));
      state.put(id(n, stringIds), new Item(v));
    }
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 128);
    // states.get(i): the items after i updates; the entry for an update is added before it runs.
    List<Map<Object, Item>> states = new CopyOnWriteArrayList<>();
    states.add(Map.copyOf(state));
    AtomicInteger answered = new AtomicInteger();
    try (LiveIndex live = LiveIndex.builder().setArchive(built.folder()).build()) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger searches = new AtomicInteger();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < READERS; t++) {
        Random q = new Random(100 + t);
        readers.add(
            new Thread(
                () -> {
                  try {
                    int after = 0;
                    while (after < 3 && failure.get() == null) {
                      boolean finished = done.get();
                      check(live, states, answered, q);
                      searches.incrementAndGet();
                      after += finished ? 1 : 0;
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "live-isolation-reader-" + t));
      }
      readers.forEach(Thread::start);
      List<Object> transients = new ArrayList<>();
      long nextId = 1000;
      long inserted = STABLE;
      for (int update = 1; update <= UPDATES && failure.get() == null; update++) {
        boolean delete =
            transients.size() >= MAX_TRANSIENT || !transients.isEmpty() && r.nextInt(3) == 0;
        if (delete) {
          List<Object> ids = new ArrayList<>();
          for (int n = 1 + r.nextInt(3); n > 0 && !transients.isEmpty(); n--) {
            ids.add(transients.remove(r.nextInt(transients.size())));
          }
          ids.forEach(state::remove);
          states.add(Map.copyOf(state));
          assertEquals(ids.size(), live.delete(ids).applied());
        } else {
          List<String> batch = new ArrayList<>();
          Set<Object> ids = new HashSet<>();
          for (int n = 1 + r.nextInt(3); n > 0; n--) {
            boolean stable = r.nextBoolean();
            Object id = id(stable ? 1 + r.nextInt(STABLE) : nextId++, stringIds);
            if (!ids.add(id)) {
              continue;
            }
            if (!stable) {
              transients.add(id);
            }
            float[] v = vector(r, update);
            state.put(id, new Item(v));
            batch.add(json(id, v));
            inserted++;
          }
          states.add(Map.copyOf(state));
          UpdateResult result = live.upsert(batch);
          assertEquals(batch.size(), result.applied(), result.toString());
        }
        answered.set(update);
      }
      done.set(true);
      for (Thread t : readers) {
        t.join();
      }
      if (failure.get() != null) {
        throw new AssertionError("a reader failed", failure.get());
      }
      assertTrue(searches.get() >= READERS * 3);
      assertEquals(0, live.growths());
      assertTrue(live.hwm() < inserted, "no slot was reused: mark " + live.hwm());
    }
  }

  /**
   * Searches once and checks the answer is that of a state from the one answered before the search
   * to the one whose update may have been in flight when it ended.
   */
  private static void check(
      LiveIndex live, List<Map<Object, Item>> states, AtomicInteger answered, Random r) {
    float[] q = {1 + r.nextInt(3), r.nextInt(5) - 2, r.nextInt(5) - 2, r.nextInt(5) - 2};
    int from = answered.get();
    SearchResponse got =
        live.search(
            SearchRequest.builder()
                .setVector(q)
                .optK(200)
                .optInclude(Include.ATTRIBUTES, Include.VECTOR)
                .build());
    int to = Math.min(answered.get() + 1, states.size() - 1);
    List<String> mismatches = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      String mismatch = mismatch(got, states.get(i), q);
      if (mismatch == null) {
        return;
      }
      mismatches.add("state " + i + ": " + mismatch);
    }
    throw new AssertionError(
        "the answer is that of no state from " + from + " to " + to + ": " + mismatches);
  }

  /** Why {@code got} is not the exact answer over {@code items}, or null when it is. */
  private static String mismatch(SearchResponse got, Map<Object, Item> items, float[] q) {
    if (got.matched() != items.size() || got.hits().size() != items.size()) {
      return got.hits().size() + " hits, " + got.matched() + " matched, " + items.size() + " items";
    }
    Set<Object> seen = new HashSet<>();
    float previous = Float.POSITIVE_INFINITY;
    for (Hit h : got.hits()) {
      if (!seen.add(h.id())) {
        return "id " + h.id() + " twice";
      }
      Item item = items.get(h.id());
      if (item == null) {
        return "id " + h.id() + " is not an item";
      }
      if (!Arrays.equals(item.vector(), h.vector())) {
        return "id " + h.id() + " has vector " + Arrays.toString(h.vector());
      }
      if (!Long.valueOf(item.rank()).equals(h.attributes().get("rank"))) {
        return "id " + h.id() + " has attributes " + h.attributes();
      }
      float dot = 0;
      for (int i = 0; i < DIM; i++) {
        dot += q[i] * item.vector()[i];
      }
      if (dot != h.score() || h.score() > previous) {
        return "id " + h.id() + " scores " + h.score() + ", expected " + dot + " in order";
      }
      previous = h.score();
    }
    return null;
  }
}
