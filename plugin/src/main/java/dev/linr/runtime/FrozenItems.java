package dev.linr.runtime;

import dev.linr.index.IndexLayout;
import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.items.PositionalItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.Lock;

/**
 * A live generation's items as they were at one moment, read after it while updates go on: what a
 * snapshot or a growth writes as an archive. Freezing copies only what updates change (each
 * position's id, slot and expiry, and the overlay's rows, which are immutable), never a vector or
 * an attribute, so updates wait only for that copy. Each item is read when a build opens the view:
 * from the frozen overlay, or, for a slot no update had written, from the archive's mapped buffers,
 * which no update changes and which stay readable after the generation is closed. A position may
 * hold a placeholder instead: a zero vector, no attributes, no expiry. Every {@link #open} reads
 * the same items.
 */
final class FrozenItems implements PositionalItems {
  private static final long PLACEHOLDER = -1;

  private final Object[] ids;
  private final long[] slots;
  private final long[] expires;
  private final LiveOverlay rows;
  private final Lock tables;
  private final float[] zero;

  private FrozenItems(Builder b) {
    if (b.size != b.ids.length) {
      throw new IllegalStateException("froze " + b.size + " of " + b.ids.length + " items");
    }
    this.ids = b.ids;
    this.slots = b.slots;
    this.expires = b.expires;
    this.rows = b.rows;
    this.tables = b.tables;
    this.zero = new float[rows.dimension()];
  }

  @Override
  public long size() {
    return ids.length;
  }

  @Override
  public Item item(long position) {
    int i = (int) position;
    long slot = slots[i];
    if (slot == PLACEHOLDER) {
      return item(ids[i], zero, Map.of(), IndexLayout.NEVER);
    }
    Map<String, Object> attributes;
    // A string value's code is decoded against the generation's dictionaries, which updates extend.
    tables.lock();
    try {
      attributes = rows.attributes(slot);
    } finally {
      tables.unlock();
    }
    return item(ids[i], rows.vector(slot), attributes, expires[i]);
  }

  @Override
  public String describe() {
    return ids.length + " items of a live index";
  }

  /** An item of a live index in the build's form (values in their schema's types, as stored). */
  static Item item(Object id, float[] vector, Map<String, Object> attributes, long expiresAt) {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, v) -> values.put(name, v instanceof List<?> list ? List.copyOf(list) : List.of(v)));
    return Item.of(
        id instanceof String s ? ItemId.of(s) : ItemId.of((Long) id),
        vector,
        values,
        expiresAt == IndexLayout.NEVER ? OptionalLong.empty() : OptionalLong.of(expiresAt),
        0);
  }

  /** Collects the positions in order, while no update runs. */
  static final class Builder {
    private final Object[] ids;
    private final long[] slots;
    private final long[] expires;
    private final LiveOverlay rows;
    private final Lock tables;
    private int size;

    /**
     * @param count how many positions will be added
     * @param rows a frozen copy of the generation's overlay ({@link LiveOverlay#frozen})
     * @param tables the generation's tables read lock, held while an attribute is decoded
     */
    Builder(int count, LiveOverlay rows, Lock tables) {
      this.ids = new Object[count];
      this.slots = new long[count];
      this.expires = new long[count];
      this.rows = rows;
      this.tables = tables;
    }

    /** The item in a bound slot. */
    void add(Object id, long slot, long expiresAt) {
      ids[size] = id;
      slots[size] = slot;
      expires[size] = expiresAt;
      size++;
    }

    /** A placeholder item with this id. */
    void addPlaceholder(Object id) {
      add(id, PLACEHOLDER, IndexLayout.NEVER);
    }

    FrozenItems build() {
      return new FrozenItems(this);
    }
  }
}
