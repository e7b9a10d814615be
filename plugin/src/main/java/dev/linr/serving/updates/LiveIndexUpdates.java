package dev.linr.serving.updates;

import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ItemUpdates} applied in memory through a {@link LiveIndex}: updates are visible to the
 * next search and lost when the model is unloaded (no log position, no snapshot). Thread-safe as
 * the live index is; it does not close the live index.
 */
public final class LiveIndexUpdates implements ItemUpdates {
  private final LiveIndex live;
  private final AtomicLong items;

  /**
   * @param live the live index; its owner closes it
   */
  public LiveIndexUpdates(LiveIndex live) {
    this.live = Objects.requireNonNull(live, "live");
    this.items = new AtomicLong(live.size());
  }

  @Override
  public UpdateResult upsert(List<String> batch) {
    UpdateResult result = live.upsert(batch);
    items.set(live.size());
    return result;
  }

  @Override
  public UpdateResult delete(List<?> ids) {
    UpdateResult result = live.delete(ids);
    items.set(live.size());
    return result;
  }

  /**
   * Frees the slots of items expired at {@code now} (epoch seconds).
   *
   * @return the number of items removed
   */
  public int expire(long now) {
    int removed = live.expire(now);
    items.set(live.size());
    return removed;
  }

  /**
   * Ids in the index after the last batch applied through this view, without waiting for a batch
   * being applied (so that metrics and model descriptions never wait on an update).
   */
  public long items() {
    return items.get();
  }

  @Override
  public IdType idType() {
    return live.schema().idType();
  }

  @Override
  public IndexStatus status() {
    long items = live.size();
    long capacity = live.capacity();
    return new IndexStatus(
        items, capacity, capacity - items, live.hwm(), live.growths(), null, null);
  }
}
