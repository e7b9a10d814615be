package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.FilterCorpus;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.RandomFilters;
import dev.linr.index.IndexLayout;
import dev.linr.index.StoredVectors;
import dev.linr.live.DurableIndex;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A seeded stream of live updates for the durability suites, the same in every JVM for a seed, with
 * the helpers that apply it to a {@link LiveReference} and a {@link DurableIndex} and compare their
 * states item by item.
 */
final class DurableOps {
  static final int DIM = 6;
  static final int INITIAL = 120;
  static final int CAPACITY = 170;

  /** The slots of a reference that follows the index: it grows, so the reference never fills up. */
  static final int REFERENCE_CAPACITY = 100_000;

  static final long T0 = 1_800_000_000L;

  private DurableOps() {}

  /** One update. */
  sealed interface Op {}

  record Upsert(List<LiveReference.Row> rows) implements Op {}

  record Delete(Object id) implements Op {}

  record Expire(long now) implements Op {}

  /** The corpus the archive is built from. */
  static TestCorpus corpus(long seed) {
    TestCorpus corpus = LiveIndexes.corpus(seed, INITIAL, DIM);
    for (int i = 0; i < 20; i++) {
      corpus.items.get(i).attributes().put("author", "author-" + i);
    }
    return corpus;
  }

  /** {@code count} updates generated against the corpus's items as they evolve. */
  static List<Op> stream(long seed, int count, IndexSchema schema) {
    LiveReference state = new LiveReference(schema, CAPACITY, corpus(seed));
    Random r = new Random(seed * 7919 + 1);
    long nextId = 1_000_000;
    long time = T0;
    List<Op> ops = new ArrayList<>();
    while (ops.size() < count) {
      int kind = r.nextInt(10);
      Op op;
      if (kind < 6 || state.size() == 0) {
        List<LiveReference.Row> rows = new ArrayList<>();
        Set<Object> inBatch = new HashSet<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
          Object id;
          if (r.nextInt(3) == 0) {
            List<Object> ids = state.ids();
            id = ids.get(r.nextInt(ids.size()));
          } else {
            id = nextId++;
          }
          if (inBatch.add(id)) {
            rows.add(row(r, id, time));
          }
        }
        op = new Upsert(rows);
      } else if (kind < 9) {
        List<Object> ids = state.ids();
        op = new Delete(ids.get(r.nextInt(ids.size())));
      } else {
        time += r.nextInt(6);
        op = new Expire(time);
      }
      apply(state, op);
      ops.add(op);
    }
    return ops;
  }

  static LiveReference.Row row(Random r, Object id, long now) {
    Map<String, Object> a = new LinkedHashMap<>(LiveIndexes.attributes(r));
    a.put("author", "author-" + r.nextInt(20));
    OptionalLong expires =
        r.nextInt(3) == 0 ? OptionalLong.of(now + r.nextInt(25) - 3) : OptionalLong.empty();
    return new LiveReference.Row(id, LiveIndexes.integerVector(r, DIM), a, expires);
  }

  static void apply(LiveReference reference, Op op) {
    if (op instanceof Upsert u) {
      reference.upsert(u.rows());
    } else if (op instanceof Delete d) {
      reference.delete(d.id());
    } else {
      reference.expire(((Expire) op).now());
    }
  }

  static void apply(DurableIndex index, Op op) throws IOException {
    if (op instanceof Upsert u) {
      index.upsert(u.rows().stream().map(LiveReference.Row::json).toList());
    } else if (op instanceof Delete d) {
      index.delete(List.of(d.id()));
    } else {
      index.expire(((Expire) op).now());
    }
  }

  /** Every item of a reference: id to stored vector, attributes and expiry. */
  static Map<Object, String> dump(LiveReference reference, IndexSchema schema) {
    Map<Object, String> out = new TreeMap<>(DurableOps::compareIds);
    for (Object id : reference.ids()) {
      LiveReference.Row row = reference.row(id);
      out.put(
          id,
          describe(
              StoredVectors.stored(schema, row.vector()),
              row.attributes(),
              row.expiresAt().orElse(IndexLayout.NEVER)));
    }
    return out;
  }

  /** Every item a live index holds, as {@link #dump(LiveReference, IndexSchema)} gives them. */
  static Map<Object, String> dump(LiveIndex live) {
    Map<Object, String> out = new TreeMap<>(DurableOps::compareIds);
    live.forEachItem(
        (id, vector, attributes, expiresAt) -> {
          String previous = out.put(id, describe(vector, attributes, expiresAt));
          assertEquals(null, previous, "id " + id + " held twice");
        });
    return out;
  }

  /** Asserts two dumps are equal, naming the first few ids that are missing, extra or differ. */
  static void assertSameState(Map<Object, String> want, Map<Object, String> got, String context) {
    if (want.equals(got)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Object, String> e : want.entrySet()) {
      String g = got.get(e.getKey());
      if (g == null) {
        problems.add("missing " + e.getKey());
      } else if (!g.equals(e.getValue())) {
        problems.add("id " + e.getKey() + " is " + g + ", expected " + e.getValue());
      }
    }
    for (Object id : got.keySet()) {
      if (!want.containsKey(id)) {
        problems.add("extra " + id);
      }
    }
    fail(
        context
            + ": "
            + want.size()
            + " items expected, "
            + got.size()
            + " held; "
            + problems.size()
            + " differences, first: "
            + problems.subList(0, Math.min(5, problems.size())));
  }

  private static int compareIds(Object a, Object b) {
    return a.toString().compareTo(b.toString());
  }

  private static String describe(float[] vector, Map<String, ?> attributes, long expiresAt) {
    return Arrays.toString(vector) + " " + normalised(attributes) + " expires " + expiresAt;
  }

  /** Multi-valued attributes as sorted sets (bitset columns keep sets, not input order). */
  static Map<String, Object> normalised(Map<String, ?> attributes) {
    Map<String, Object> out = new TreeMap<>();
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

  /**
   * Asserts that searches at time {@code now} return exactly what the reference matches: with k at
   * least the number of items, every matching id with its exact score (ties in any order, since
   * recovery compacts slots), the matched count, and scores in non-increasing order.
   */
  static void assertSameSearches(
      LiveIndex live, LiveReference reference, long seed, int queries, long now, String context) {
    IndexSchema schema = live.schema();
    int k = Math.max(CAPACITY, reference.size());
    RandomFilters filters = new RandomFilters(schema, FilterCorpus.pools(), seed * 31);
    Random r = new Random(seed + 99);
    for (int i = 0; i < queries; i++) {
      float[] q = LiveIndexes.integerVector(r, DIM);
      Filter filter = i % 3 == 0 ? null : filters.next(3);
      SearchRequest.Builder b = SearchRequest.builder().setVector(q).optK(k);
      if (filter != null) {
        b.optFilter(filter.toString());
      }
      SearchResponse got = live.search(b.build());
      BruteForce.Answer want = reference.search(q, k, filter, now);
      String at = context + " query " + i + " filter " + filter;
      assertEquals(want.matched(), got.matched(), at + ": matched");
      Map<Object, Float> wantScores = new TreeMap<>(DurableOps::compareIds);
      want.hits().forEach(h -> wantScores.put(h.id(), (float) h.score()));
      Map<Object, Float> gotScores = new TreeMap<>(DurableOps::compareIds);
      float last = Float.POSITIVE_INFINITY;
      for (Hit h : got.hits()) {
        gotScores.put(h.id(), h.score() + 0.0f);
        assertTrue(h.score() <= last, at + ": hits out of order at " + h);
        last = h.score();
      }
      wantScores.replaceAll((id, s) -> s + 0.0f);
      assertEquals(wantScores, gotScores, at + ": hits");
    }
  }
}
