package dev.linr.serving.updates;

import dev.linr.live.DurableIndex;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link ItemUpdates} made durable through a {@link DurableIndex}: a batch is acknowledged (the
 * call returns) once it is forced to the write-ahead log and applied; it survives a crash and a
 * restart on the same data folder. {@link #status()} reports the log sequence number of the last
 * update applied and the time of the newest snapshot. Thread-safe as the durable index is; it does
 * not close the durable index.
 */
public final class DurableIndexUpdates implements ItemUpdates {
  private final DurableIndex durable;
  private final AtomicLong items;
  private volatile long snapshotSequence = -1;
  private volatile String lastSnapshot;

  /**
   * @param durable the durable index; its owner closes it
   * @param directory its data folder, read for the time of the snapshot it opened from
   */
  public DurableIndexUpdates(DurableIndex durable, Path directory) {
    this.durable = Objects.requireNonNull(durable, "durable");
    this.items = new AtomicLong(durable.live().size());
    this.lastSnapshot = newestSnapshotTime(directory.resolve("snapshots"));
  }

  @Override
  public UpdateResult upsert(List<String> batch) throws IOException {
    UpdateResult result = durable.upsert(batch);
    items.set(durable.live().size());
    return result;
  }

  @Override
  public UpdateResult delete(List<?> ids) throws IOException {
    UpdateResult result = durable.delete(ids);
    items.set(durable.live().size());
    return result;
  }

  @Override
  public UpdateResult upsert(List<String> batch, Map<String, Long> positions) throws IOException {
    UpdateResult result = durable.upsert(batch, positions);
    items.set(durable.live().size());
    return result;
  }

  @Override
  public UpdateResult delete(List<?> ids, Map<String, Long> positions) throws IOException {
    UpdateResult result = durable.delete(ids, positions);
    items.set(durable.live().size());
    return result;
  }

  @Override
  public Map<String, Long> positions() {
    return durable.positions();
  }

  /**
   * Frees the slots of items expired at {@code now} (epoch seconds), logging the sweep when it
   * removes any.
   *
   * @return the number of items removed
   */
  public int expire(long now) throws IOException {
    int removed = durable.expire(now);
    items.set(durable.live().size());
    return removed;
  }

  /**
   * Writes a snapshot when updates were logged since the last one (see {@link
   * DurableIndex#snapshot()}).
   *
   * @return the log sequence number the newest snapshot covers
   */
  public long snapshot() throws IOException {
    long seq = durable.snapshot();
    if (seq != snapshotSequence) {
      snapshotSequence = seq;
      lastSnapshot = Instant.now().toString();
    }
    return seq;
  }

  /** Ids in the index after the last batch applied through this view, without waiting. */
  public long items() {
    return items.get();
  }

  @Override
  public IdType idType() {
    return durable.live().schema().idType();
  }

  @Override
  public IndexStatus status() {
    LiveIndex live = durable.live();
    long n = live.size();
    long capacity = live.capacity();
    return new IndexStatus(
        n,
        capacity,
        capacity - n,
        live.hwm(),
        live.growths(),
        durable.lastSequence(),
        lastSnapshot);
  }

  /** The modification time of the newest complete snapshot folder, or null when there is none. */
  private static String newestSnapshotTime(Path snapshots) {
    if (!Files.isDirectory(snapshots)) {
      return null;
    }
    try (Stream<Path> s = Files.list(snapshots)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{20}"))
          .filter(p -> Files.isDirectory(p.resolve("archive")))
          .max(Path::compareTo)
          .map(DurableIndexUpdates::modified)
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant().toString();
    } catch (IOException e) {
      return null;
    }
  }
}
