package dev.linr.live;

import ai.djl.Device;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.LiveState;
import dev.linr.runtime.UpdateResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@link LiveIndex} whose updates survive crashes: every update is appended to a write-ahead log
 * and forced to stable storage before it is applied and acknowledged; {@link #snapshot} writes the
 * live state as an ordinary model archive and truncates the log it covers; opening recovers the
 * newest snapshot plus the log after it, which is exactly the state of every acknowledged update
 * (and possibly of updates logged but not yet acknowledged when the process died, each whole).
 *
 * <p>Data folder layout:
 *
 * <ul>
 *   <li>{@code snapshots/<sequence>/archive/}: a model archive of the items alive after log record
 *       {@code <sequence>} (20 digits), with {@code snapshot.json}; the newest complete one wins;
 *   <li>{@code snapshots/.tmp-<sequence>/}: a snapshot being written (deleted on open);
 *   <li>{@code wal/<first-sequence>.log}: log segments (see {@link WriteAheadLog}); a record holds
 *       one {@link #upsert} batch, one {@link #delete} batch or one {@link #expire} sweep that
 *       removed items;
 *   <li>{@code growth/}: the archives of grown models while the index is open (see {@link
 *       LiveIndex}, growth); deleted on close and on open.
 * </ul>
 *
 * <p>The first open of an empty folder loads {@link Builder#optInitialArchive} and writes it as
 * snapshot 0 (a file copy when it is an archive folder, else rebuilt from its items); later opens
 * ignore that option. Updates are applied in log order. Concurrent updaters share log forces (group
 * commit). A failure to write the log makes the index refuse further updates (reopen it to
 * recover).
 *
 * <p>Snapshot contents: each item's id, stored vector, attributes and effective expiry (written as
 * its {@code expires_at}, so {@code optMaxAge} expiries survive). The snapshot archive is rebuilt
 * with the index's schema, current capacity (the grown one after a growth), string dictionaries
 * (every value, in code order) and list widths, so its column encodings and room for new values are
 * those of the live index and the log after it replays exactly as it was applied; slots are
 * compacted (slot order is kept). An index with no items is not snapshotted (a build needs items):
 * {@link #snapshot} then keeps the previous one. Replaying a log onto a snapshot smaller than the
 * index it was logged on grows the index again, as the updates did when they were first applied
 * ({@link Builder#optGrowthFactor}).
 *
 * <p>Source positions: an update batch may carry the positions it advances in the source it came
 * from (a source name, such as a topic partition, to the next offset to read), logged in the same
 * record as the batch, so the batch and its positions are durable (and recovered) together;
 * snapshots store the positions they cover. {@link #positions()} is what a consumer of the source
 * resumes from after a restart: each record of the source is then applied exactly once.
 *
 * <p>Thread-safe. Close it to release the log and the model. Snapshots older than the newest are
 * deleted, except the one the open index was loaded from (it is deleted by the next open); this
 * relies on POSIX file semantics.
 */
public final class DurableIndex implements AutoCloseable {
  static final String SNAPSHOTS = "snapshots";
  static final String WAL = "wal";
  static final String GROWTH = "growth";

  private final LiveIndex live;
  private final WriteAheadLog log;
  private final SnapshotStore snapshots;
  private final Path base;
  private final Object appendOrder = new Object();
  private final Object order = new Object();
  private final Object snapshotLock = new Object();
  // Guarded by order.
  private final Map<String, Long> positions = new HashMap<>();
  // Guarded by order.
  private long applied;
  private boolean failed;
  // Guarded by snapshotLock.
  private long snapshotSequence;

  private DurableIndex(Builder b) throws IOException {
    this.snapshots = new SnapshotStore(b.directory.resolve(SNAPSHOTS));
    Fsync.deleteTree(b.directory.resolve(GROWTH)); // grown archives of an earlier process
    Optional<SnapshotStore.Snapshot> newest = snapshots.newest();
    if (newest.isEmpty()) {
      if (b.initialArchive == null) {
        throw new IllegalArgumentException(
            "initialArchive: "
                + b.directory
                + " holds no snapshot, so an initial archive is needed");
      }
      LiveIndex first = b.live(b.initialArchive);
      try {
        // An archive folder is snapshot 0 as it is: copied, not rebuilt from its items.
        SnapshotStore.Snapshot s =
            Files.isDirectory(b.initialArchive)
                ? snapshots.copy(0, b.initialArchive)
                : snapshots.write(0, first.copyState());
        this.base = s.folder();
        this.snapshotSequence = 0;
      } catch (IOException | RuntimeException e) {
        first.close();
        throw e;
      }
      this.live = first;
    } else {
      this.base = newest.get().folder();
      this.snapshotSequence = newest.get().sequence();
      this.positions.putAll(newest.get().positions());
      this.live = b.live(newest.get().archive());
    }
    try {
      this.log = WriteAheadLog.open(b.directory.resolve(WAL), b.segmentBytes, snapshotSequence);
    } catch (IOException | RuntimeException e) {
      live.close();
      throw e;
    }
    try {
      replay();
      this.applied = log.lastSequence();
      snapshots.deleteOlderThan(snapshotSequence, base);
      log.deleteThrough(snapshotSequence);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void replay() throws IOException {
    try {
      log.replay(
          snapshotSequence,
          r -> {
            try {
              apply(Update.decode(r));
            } catch (CorruptLogException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Object apply(Update u) {
    if (u instanceof Update.Upsert up) {
      UpdateResult r = live.upsert(up.lines());
      positions.putAll(up.positions());
      return r;
    } else if (u instanceof Update.Delete d) {
      UpdateResult r = live.delete(d.ids());
      positions.putAll(d.positions());
      return r;
    } else {
      return live.expire(((Update.Expire) u).now());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link DurableIndex}: {@code setDirectory} is required. */
  public static final class Builder {
    private Path directory;
    private Path initialArchive;
    private long segmentBytes = 64L << 20;
    // The live index's options (checked and defaulted there); its archive is set per open.
    private final LiveIndex.Builder live = LiveIndex.builder();

    private Builder() {}

    /** The data folder (created if missing). */
    public Builder setDirectory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The archive an empty data folder starts from (ignored once the folder has a snapshot). */
    public Builder optInitialArchive(Path archive) {
      this.initialArchive = Objects.requireNonNull(archive, "initialArchive");
      return this;
    }

    /** Default: the CPU. */
    public Builder optDevice(Device device) {
      live.optDevice(device);
      return this;
    }

    /** Translator arguments (see {@link LiveIndex.Builder#optArguments}). */
    public Builder optArguments(Map<String, String> arguments) {
      live.optArguments(arguments);
      return this;
    }

    /** The time of each query in epoch seconds; default the system clock. */
    public Builder optClock(LongSupplier clock) {
      live.optClock(clock);
      return this;
    }

    /** See {@link LiveIndex.Builder#optMaxAge}; give the same value on every open. */
    public Builder optMaxAge(String attribute, long seconds) {
      live.optMaxAge(attribute, seconds);
      return this;
    }

    /** A log segment is closed once it holds this many bytes (default 64 MiB). */
    public Builder optSegmentBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("segmentBytes must be >= 1024, got: " + bytes);
      }
      this.segmentBytes = bytes;
      return this;
    }

    /** See {@link LiveIndex.Builder#optGrowthFactor}; default 2, 1 for no growth. */
    public Builder optGrowthFactor(double factor) {
      live.optGrowthFactor(factor);
      return this;
    }

    /** See {@link LiveIndex.Builder#optMaxCapacity}; default {@link Integer#MAX_VALUE}. */
    public Builder optMaxCapacity(long capacity) {
      live.optMaxCapacity(capacity);
      return this;
    }

    private LiveIndex live(Path archive) throws IOException {
      return live.setArchive(archive).optGrowthDirectory(directory.resolve(GROWTH)).build();
    }

    /**
     * Opens the data folder and recovers its state.
     *
     * @throws CorruptLogException if the log is corrupt before its tail
     */
    public DurableIndex build() throws IOException {
      if (directory == null) {
        throw new IllegalArgumentException("directory must be set");
      }
      return new DurableIndex(this);
    }
  }

  /** The live index: search it and read it; update only through this class. */
  public LiveIndex live() {
    return live;
  }

  /** The sequence number of the last update applied. */
  public long lastSequence() {
    synchronized (order) {
      return applied;
    }
  }

  /**
   * The source positions of the updates applied (source name to the next offset to read), as the
   * last snapshot and the log after it recovered them plus every batch applied since; empty when no
   * batch carried positions. An immutable copy.
   */
  public Map<String, Long> positions() {
    synchronized (order) {
      return Map.copyOf(positions);
    }
  }

  /** As {@link LiveIndex#upsert}, acknowledged once logged durably and applied. */
  public UpdateResult upsert(List<String> items) throws IOException {
    return upsert(items, Map.of());
  }

  /**
   * As {@link #upsert(List)}, and advances the source {@code positions} (source name to the next
   * offset, {@code >= 0}) in the same log record: after a crash both or neither are recovered. The
   * positions advance even when items are refused, and {@code items} may be empty.
   */
  public UpdateResult upsert(List<String> items, Map<String, Long> positions) throws IOException {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new IllegalArgumentException("items[" + i + "] is null");
      }
    }
    Update.Upsert u = new Update.Upsert(List.copyOf(items), checked(positions));
    return (UpdateResult)
        logThenApply(
            u,
            () -> {
              UpdateResult r = live.upsert(u.lines());
              this.positions.putAll(u.positions());
              return r;
            });
  }

  private static Map<String, Long> checked(Map<String, Long> positions) {
    for (Map.Entry<String, Long> p : positions.entrySet()) {
      if (p.getKey() == null || p.getValue() == null || p.getValue() < 0) {
        throw new IllegalArgumentException(
            "positions: each needs a source name and an offset >= 0, got: " + p);
      }
    }
    return Map.copyOf(positions);
  }

  /** As {@link LiveIndex#delete} ({@code Long}, {@code Integer} or {@code String} ids). */
  public UpdateResult delete(List<?> ids) throws IOException {
    return delete(ids, Map.of());
  }

  /**
   * As {@link #delete(List)}, and advances the source {@code positions} in the same log record (see
   * {@link #upsert(List, Map)}).
   */
  public UpdateResult delete(List<?> ids, Map<String, Long> positions) throws IOException {
    List<Object> normal = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Object id = ids.get(i);
      if (id instanceof Integer n) {
        normal.add(n.longValue());
      } else if (id instanceof Long || id instanceof String) {
        normal.add(id);
      } else {
        throw new IllegalArgumentException("ids[" + i + "] must be a Long or a String, got: " + id);
      }
    }
    Update.Delete u = new Update.Delete(normal, checked(positions));
    return (UpdateResult)
        logThenApply(
            u,
            () -> {
              UpdateResult r = live.delete(u.ids());
              this.positions.putAll(u.positions());
              return r;
            });
  }

  private Object logThenApply(Update u, Supplier<Object> action) throws IOException {
    byte[] payload = u.encode();
    long seq;
    synchronized (appendOrder) {
      checkUsable();
      seq = log.append(payload);
    }
    try {
      log.awaitDurable(seq);
    } catch (IOException e) {
      fail();
      throw e;
    }
    synchronized (order) {
      // Waits without giving up on interrupts: a logged update must be applied in its turn, or
      // every later one would wait forever.
      boolean interrupted = false;
      while (applied != seq - 1 && !failed) {
        interrupted |= awaitOrder();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failed) {
        throw new IOException("the index failed to log an earlier update; reopen it");
      }
      try {
        return action.get();
      } finally {
        applied = seq;
        order.notifyAll();
      }
    }
  }

  /**
   * As {@link LiveIndex#expire}: frees the slots of items expired at {@code now}. A sweep that
   * removes items is logged (and durable when this returns); one that removes none is not.
   */
  public int expire(long now) throws IOException {
    long seq;
    int removed;
    synchronized (appendOrder) {
      checkUsable();
      synchronized (order) {
        waitApplied(log.lastSequence());
        removed = live.expire(now);
        if (removed == 0) {
          return 0;
        }
        seq = log.append(new Update.Expire(now).encode());
        applied = seq;
        order.notifyAll();
      }
    }
    try {
      log.awaitDurable(seq);
    } catch (IOException e) {
      fail();
      throw e;
    }
    return removed;
  }

  /**
   * Writes a snapshot of the current state and deletes the older snapshots and log segments it
   * covers. Updates wait only while the state is frozen ({@link LiveIndex#copyState}), not while
   * the archive is written.
   *
   * @return the log sequence number the newest snapshot covers
   */
  public long snapshot() throws IOException {
    synchronized (snapshotLock) {
      long seq;
      LiveState state;
      Map<String, Long> at;
      synchronized (appendOrder) {
        checkUsable();
        synchronized (order) {
          seq = log.lastSequence();
          waitApplied(seq);
          if (seq == snapshotSequence || live.size() == 0) {
            return snapshotSequence;
          }
          state = live.copyState();
          at = Map.copyOf(positions);
        }
        log.roll();
      }
      snapshots.write(seq, state, at);
      snapshotSequence = seq;
      snapshots.deleteOlderThan(seq, base);
      log.deleteThrough(seq);
      return seq;
    }
  }

  private void waitApplied(long seq) throws IOException {
    boolean interrupted = false;
    while (applied < seq && !failed) {
      interrupted |= awaitOrder();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed) {
      throw new IOException("the index failed to log an earlier update; reopen it");
    }
  }

  /** Waits for an update to be applied; returns whether the wait was interrupted. */
  private boolean awaitOrder() {
    try {
      order.wait();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private void checkUsable() throws IOException {
    synchronized (order) {
      if (failed) {
        throw new IOException("the index failed to log an earlier update; reopen it");
      }
    }
  }

  private void fail() {
    synchronized (order) {
      failed = true;
      order.notifyAll();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (log != null) {
        log.close();
      }
    } finally {
      live.close();
    }
  }
}
