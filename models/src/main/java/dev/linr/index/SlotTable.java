package dev.linr.index;

import java.util.BitSet;

/**
 * Slot bookkeeping of an index under live updates: which model id (the id, or a string id's row)
 * holds which slot, the free slots, the high-water mark and each slot's expiry.
 *
 * <p>Slot policy: a new row takes the lowest free slot below the high-water mark, else the slot at
 * the mark (which then rises); when the mark is at capacity and no slot is free the index is full.
 * A slot is {@link #reserve() reserved} while its row is written, then {@link #bind bound} to an id
 * when the row is published; a slot whose id is deleted, expires or moves to a new row is free
 * again once {@link #release released}. A live index that lets searches read a freed slot's row a
 * while longer first {@link #retire retires} it (or {@link #unbind unbinds} its id): it then holds
 * no item but is not free until released.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class SlotTable {
  private final long capacity;
  private final LongLongMap slotsById;
  private final long[] ids;
  private final long[] expires;
  private final BitSet bound = new BitSet();
  private final BitSet free = new BitSet();
  private long hwm;

  /**
   * An empty table.
   *
   * @param hwm the model's high-water mark; slots below it start free until {@link #load}ed
   * @throws IllegalArgumentException if capacity exceeds {@link Integer#MAX_VALUE} or hwm is not
   *     within [0, capacity]
   */
  public SlotTable(long capacity, long hwm) {
    if (capacity < 1 || capacity > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "live updates support capacities from 1 to " + Integer.MAX_VALUE + ", got: " + capacity);
    }
    if (hwm < 0 || hwm > capacity) {
      throw new IllegalArgumentException("hwm must be within [0, " + capacity + "], got: " + hwm);
    }
    this.capacity = capacity;
    this.hwm = hwm;
    this.slotsById = new LongLongMap((int) Math.min(hwm + 16, 1 << 24));
    this.ids = new long[(int) capacity];
    this.expires = new long[(int) capacity];
    free.set(0, (int) hwm);
  }

  /** Records the item an archive holds in {@code slot} (below the high-water mark). */
  public void load(long slot, long modelId, long expiresAt) {
    if (slot < 0 || slot >= hwm) {
      throw new IllegalArgumentException("slot " + slot + " is not below the mark " + hwm);
    }
    if (slotsById.putIfAbsent(modelId, slot, -1) >= 0) {
      throw new IllegalArgumentException("id " + modelId + " is stored twice");
    }
    int s = (int) slot;
    ids[s] = modelId;
    expires[s] = expiresAt;
    bound.set(s);
    free.clear(s);
  }

  public long capacity() {
    return capacity;
  }

  /** The high-water mark: every slot ever used is below it. */
  public long hwm() {
    return hwm;
  }

  /** Ids bound to a slot (expired items count until they are released). */
  public long size() {
    return slotsById.size();
  }

  /** The slot of a model id, or -1. */
  public long slotOf(long modelId) {
    return slotsById.get(modelId, -1);
  }

  /** The model id bound to a slot; only meaningful for bound slots. */
  public long modelIdAt(long slot) {
    return ids[(int) slot];
  }

  /** The expiry of a bound slot, epoch seconds. */
  public long expiresAt(long slot) {
    return expires[(int) slot];
  }

  /** Takes a slot for a new row per the slot policy, or returns -1 when the index is full. */
  public long reserve() {
    int s = free.nextSetBit(0);
    if (s >= 0) {
      free.clear(s);
      return s;
    }
    if (hwm >= capacity) {
      return -1;
    }
    return hwm++;
  }

  /** Returns a reserved slot that was not published. */
  public void unreserve(long slot) {
    free.set((int) slot);
  }

  /**
   * Binds a published slot to a model id.
   *
   * @return the slot the id held before, still to be {@link #release released}, or -1
   */
  public long bind(long modelId, long slot, long expiresAt) {
    long old = slotsById.get(modelId, -1);
    slotsById.put(modelId, slot);
    int s = (int) slot;
    ids[s] = modelId;
    expires[s] = expiresAt;
    bound.set(s);
    return old;
  }

  /** Whether a slot holds an item (loaded or bound, and not retired or released since). */
  public boolean bound(long slot) {
    return bound.get((int) slot);
  }

  /** Marks a slot that a {@link #bind} replaced as holding no item, without freeing it. */
  public void retire(long slot) {
    bound.clear((int) slot);
  }

  /**
   * Unbinds an id without freeing its slot (free it later with {@link #release}); returns the slot,
   * or -1 if the id is not bound.
   */
  public long unbind(long modelId) {
    long slot = slotsById.get(modelId, -1);
    if (slot >= 0) {
      slotsById.remove(modelId);
      retire(slot);
    }
    return slot;
  }

  /** Frees a slot that a {@link #bind} replaced, or a retired one: it is no longer published. */
  public void release(long slot) {
    int s = (int) slot;
    bound.clear(s);
    free.set(s);
  }

  /** Unbinds an id and frees its slot; returns the slot, or -1 if the id is not bound. */
  public long remove(long modelId) {
    long slot = slotsById.get(modelId, -1);
    if (slot >= 0) {
      slotsById.remove(modelId);
      release(slot);
    }
    return slot;
  }

  /** The bound slots whose expiry is at or before {@code now} (epoch seconds), ascending. */
  public long[] expired(long now) {
    return bound.stream().filter(s -> expires[s] <= now).asLongStream().toArray();
  }
}
