package dev.linr.serving.updates;

import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.util.List;
import java.util.Objects;

/**
 * {@link ItemUpdates} applied in memory through a {@link LiveIndex}: updates are visible to the
 * next search and lost when the model is unloaded (no log position, no snapshot). Thread-safe as
 * the live index is; it does not close the live index.
 */
public final class LiveIndexUpdates implements ItemUpdates {
  private final LiveIndex live;

  /**
   * @param live the live index; its owner closes it
   */
  public LiveIndexUpdates(LiveIndex live) {
    this.live = Objects.requireNonNull(live, "live");
  }

  @Override
  public UpdateResult upsert(List<String> items) {
    return live.upsert(items);
  }

  @Override
  public UpdateResult delete(List<?> ids) {
    return live.delete(ids);
  }

  @Override
  public IdType idType() {
    return live.index().metadata().schema().idType();
  }

  @Override
  public IndexStatus status() {
    long items = live.size();
    long capacity = live.capacity();
    return new IndexStatus(items, capacity, capacity - items, live.hwm(), null, null);
  }
}
