package dev.linr.e2e.live;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.e2e.BruteForce;
import dev.linr.e2e.FilterCorpus;
import dev.linr.e2e.TestCorpus;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A plain-Java model of an index under live updates: the current items, the slot each holds (by the
 * documented slot policy: lowest free slot, else the high-water mark; a batch's rewritten ids free
 * their old slots after the batch) and each item's expiry. Answers queries with {@link BruteForce}
 * and {@link FilterEvaluator} over the items alive and unexpired at the query's time.
 */
final class LiveReference {
  /** One item as written. */
  record Row(Object id, float[] vector, Map<String, Object> attributes, OptionalLong expiresAt) {
    long expiry() {
      return expiresAt.orElse(Long.MAX_VALUE);
    }

    /** The item in the build's JSON Lines format. */
    String json() {
      JsonObject o = new JsonObject();
      if (id instanceof Long l) {
        o.addProperty("id", l);
      } else {
        o.addProperty("id", (String) id);
      }
      JsonArray v = new JsonArray();
      for (float x : vector) {
        v.add(x);
      }
      o.add("vector", v);
      o.add("attributes", new Gson().toJsonTree(attributes));
      expiresAt.ifPresent(e -> o.addProperty("expires_at", e));
      return o.toString();
    }
  }

  private final IndexSchema schema;
  private final int capacity;
  private final Row[] bySlot;
  private final Map<Object, Integer> slots = new HashMap<>();
  private final TreeSet<Integer> free = new TreeSet<>();
  private int hwm;

  LiveReference(IndexSchema schema, int capacity, TestCorpus built) {
    this.schema = schema;
    this.capacity = capacity;
    this.bySlot = new Row[capacity];
    for (TestCorpus.TestItem item : built.items) {
      place(new Row(item.id(), item.vector(), item.attributes(), OptionalLong.empty()), hwm++);
    }
  }

  private void place(Row row, int slot) {
    bySlot[slot] = row;
    slots.put(row.id(), slot);
  }

  /**
   * Applies a batch of valid rows; returns, per row, its slot or -1 when the index was full for it.
   */
  int[] upsert(List<Row> rows) {
    int[] placed = new int[rows.size()];
    List<Integer> old = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      int slot;
      if (!free.isEmpty()) {
        slot = free.pollFirst();
      } else if (hwm < capacity) {
        slot = hwm++;
      } else {
        placed[i] = -1;
        continue;
      }
      Integer previous = slots.get(row.id());
      if (previous != null) {
        old.add(previous);
      }
      place(row, slot);
      placed[i] = slot;
    }
    for (int s : old) {
      bySlot[s] = null;
      free.add(s);
    }
    return placed;
  }

  /** Deletes an id; returns whether it was present. */
  boolean delete(Object id) {
    Integer slot = slots.remove(id);
    if (slot == null) {
      return false;
    }
    bySlot[slot] = null;
    free.add(slot);
    return true;
  }

  /** Frees every item expired at {@code now}; returns how many. */
  int expire(long now) {
    int n = 0;
    for (int s = 0; s < hwm; s++) {
      if (bySlot[s] != null && bySlot[s].expiry() <= now) {
        delete(bySlot[s].id());
        n++;
      }
    }
    return n;
  }

  Integer slotOf(Object id) {
    return slots.get(id);
  }

  Row row(Object id) {
    Integer s = slots.get(id);
    return s == null ? null : bySlot[s];
  }

  List<Object> ids() {
    return new ArrayList<>(slots.keySet());
  }

  int size() {
    return slots.size();
  }

  /** The expected answer at time {@code now}; {@code filter} null for none. */
  BruteForce.Answer search(float[] query, int k, Filter filter, long now) {
    TestCorpus corpus = new TestCorpus(schema.dimension());
    BitSet allow = new BitSet();
    for (int s = 0; s < hwm; s++) {
      Row row = bySlot[s];
      if (row == null) {
        corpus.add(-1_000_000_000L - s, new float[schema.dimension()], Map.of());
        continue;
      }
      corpus.add(row.id(), row.vector(), row.attributes());
      if (row.expiry() > now
          && (filter == null
              || FilterEvaluator.matches(filter, FilterCorpus.asLists(row.attributes())))) {
        allow.set(s);
      }
    }
    return new BruteForce(corpus, schema).search(query, k, allow);
  }
}
