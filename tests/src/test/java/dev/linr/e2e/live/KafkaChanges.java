package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.FilterCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.RandomFilters;
import dev.linr.query.Hit;
import dev.linr.query.SearchResponse;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded change stream for the Kafka suites: records (key, value; a null value is a tombstone)
 * over the {@link DurableOps#corpus} archive, mixing new items, replaced items, deletes of present
 * and absent ids, and bad records (a value whose id disagrees with the key, a vector of the wrong
 * dimension, a key that is no integer, a value that is not JSON), each with its effect on a {@link
 * LiveReference}. Also compares a server's searches with the reference.
 */
final class KafkaChanges {
  /** The seed of the corpus every stream starts from ({@code DurableOps.corpus(CORPUS_SEED)}). */
  static final long CORPUS_SEED = 31;

  private KafkaChanges() {}

  /**
   * Builds the archive every stream starts from ({@code DurableOps.corpus(CORPUS_SEED)}, dot
   * product, float32, {@link DurableOps#CAPACITY}) under {@code dir}; returns its folder.
   */
  static Path archive(Path dir) throws IOException {
    return LiveIndexes.build(
            DurableOps.corpus(CORPUS_SEED),
            dir,
            Metric.DOT,
            StorageType.FLOAT32,
            DurableOps.CAPACITY)
        .folder();
  }

  /**
   * One record and what it does: {@code row} upserts, {@code deleted} deletes, neither: refused.
   */
  record Change(String key, String value, LiveReference.Row row, Object deleted) {
    boolean refused() {
      return row == null && deleted == null;
    }

    Map.Entry<String, String> record() {
      return new AbstractMap.SimpleEntry<>(key, value);
    }
  }

  /** {@code count} records generated against the corpus's items as they evolve. */
  static List<Change> stream(long seed, int count, IndexSchema schema) {
    LiveReference state = reference(schema);
    Random r = new Random(seed * 104_729 + 7);
    long nextId = 5_000_000 + seed * 10_000;
    List<Change> out = new ArrayList<>();
    while (out.size() < count) {
      int kind = r.nextInt(100);
      Change c;
      if (kind < 8) {
        c = bad(r, state, nextId++);
      } else if (kind < 50 && state.size() < DurableOps.CAPACITY - 10) {
        c = upsert(row(r, nextId++));
      } else if (kind < 70) {
        List<Object> ids = state.ids();
        c = upsert(row(r, ids.get(r.nextInt(ids.size()))));
      } else if (kind < 75) {
        long absent = nextId++;
        c = new Change(Long.toString(absent), null, null, absent);
      } else {
        List<Object> ids = state.ids();
        Object id = ids.get(r.nextInt(ids.size()));
        c = new Change(id.toString(), null, null, id);
      }
      apply(state, c);
      out.add(c);
    }
    return out;
  }

  private static LiveReference.Row row(Random r, Object id) {
    LiveReference.Row row = DurableOps.row(r, id, DurableOps.T0);
    return new LiveReference.Row(id, row.vector(), row.attributes(), OptionalLong.empty());
  }

  private static Change upsert(LiveReference.Row row) {
    return new Change(row.id().toString(), row.json(), row, null);
  }

  private static Change bad(Random r, LiveReference state, long id) {
    LiveReference.Row good = row(r, id);
    switch (r.nextInt(4)) {
      case 0:
        // The value's id disagrees with the key.
        return new Change(Long.toString(id + 1), good.json(), null, null);
      case 1:
        {
          JsonObject o = JsonParser.parseString(good.json()).getAsJsonObject();
          o.getAsJsonArray("vector").add(1.0);
          return new Change(Long.toString(id), o.toString(), null, null);
        }
      case 2:
        return new Change("id-" + id, null, null, null);
      default:
        return new Change(Long.toString(id), "{\"id\": " + id + ", \"vector\": [", null, null);
    }
  }

  /** Applies a record's effect to a reference. */
  static void apply(LiveReference reference, Change c) {
    if (c.row() != null) {
      reference.upsert(List.of(c.row()));
    } else if (c.deleted() != null) {
      reference.delete(c.deleted());
    }
  }

  /** The reference of the corpus before any record. */
  static LiveReference reference(IndexSchema schema) {
    return new LiveReference(schema, DurableOps.CAPACITY, DurableOps.corpus(CORPUS_SEED));
  }

  /** The reference after the first {@code n} records. */
  static LiveReference after(IndexSchema schema, List<Change> changes, int n) {
    LiveReference reference = reference(schema);
    for (int i = 0; i < n; i++) {
      apply(reference, changes.get(i));
    }
    return reference;
  }

  /** Records the stream refuses. */
  static long refused(List<Change> changes) {
    return changes.stream().filter(Change::refused).count();
  }

  /**
   * Asserts that {@code queries} searches (with and without filters, k at capacity) of index {@code
   * name} on {@code server} return exactly what the reference matches: every matching id with its
   * exact score (ties in any order), the matched count, and scores in non-increasing order.
   */
  static void assertSameSearches(
      LiveServer server, String name, LiveReference reference, IndexSchema schema, long seed) {
    RandomFilters filters = new RandomFilters(schema, FilterCorpus.pools(), seed * 31);
    Random r = new Random(seed + 99);
    for (int i = 0; i < 12; i++) {
      float[] q = LiveIndexes.integerVector(r, DurableOps.DIM);
      Filter filter = i % 3 == 0 ? null : filters.next(3);
      JsonObject body = new JsonObject();
      body.add("vector", new Gson().toJsonTree(q));
      body.addProperty("k", DurableOps.CAPACITY);
      if (filter != null) {
        body.addProperty("filter", filter.toString());
      }
      SearchResponse got = server.search(name, body.toString());
      BruteForce.Answer want = reference.search(q, DurableOps.CAPACITY, filter, DurableOps.T0);
      String at = name + " query " + i + " filter " + filter;
      assertEquals(want.matched(), got.matched(), at + ": matched");
      assertEquals(scores(want), scores(got, at), at + ": hits");
    }
  }

  /** The hits of an expected answer, id to score. */
  static Map<String, Float> scores(BruteForce.Answer answer) {
    Map<String, Float> out = new TreeMap<>();
    answer.hits().forEach(h -> out.put(h.id().toString(), (float) h.score() + 0.0f));
    return out;
  }

  /** The hits of a response, id to score, checking that scores do not increase. */
  static Map<String, Float> scores(SearchResponse response, String at) {
    Map<String, Float> out = new TreeMap<>();
    float last = Float.POSITIVE_INFINITY;
    for (Hit h : response.hits()) {
      out.put(h.id().toString(), h.score() + 0.0f);
      assertTrue(h.score() <= last, at + ": hits out of order at " + h);
      last = h.score();
    }
    return out;
  }
}
