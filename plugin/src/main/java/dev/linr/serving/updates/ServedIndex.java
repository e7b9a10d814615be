package dev.linr.serving.updates;

import dev.linr.live.DurableIndex;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index model opened for serving: the index to search, its {@link ItemUpdates}, and its
 * maintenance, run on one scheduled thread named {@code linr-index-maintenance-<model>}: a sweep
 * that frees the slots of expired items every {@link UpdateSettings#expirySweepSeconds()}, and for
 * a durable index a snapshot every {@link UpdateSettings#snapshotIntervalSeconds()} and after every
 * {@link UpdateSettings#snapshotEveryUpdates()} update batches. A failed sweep or snapshot is
 * logged and tried again at the next period.
 *
 * <p>Thread-safe. It owns the index: {@link #close()} stops the maintenance (waiting, up to 10
 * minutes, for a running sweep or snapshot to finish) and closes the index.
 */
public final class ServedIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedIndex.class);
  private static final long CLOSE_WAIT_MINUTES = 10;

  private final LiveIndex live;
  private final ItemUpdates updates;
  private final LongSupplier items;
  private final AutoCloseable owner;
  private final ScheduledExecutorService maintenance;

  private ServedIndex(
      String model,
      LiveIndex live,
      ItemUpdates updates,
      LongSupplier items,
      AutoCloseable owner,
      Task expire,
      Task snapshot,
      UpdateSettings settings) {
    this.live = live;
    this.items = items;
    this.owner = owner;
    boolean sweeps = settings.expirySweepSeconds() > 0;
    boolean snapshots = snapshot != null && settings.snapshotIntervalSeconds() > 0;
    boolean counted = snapshot != null && settings.snapshotEveryUpdates() > 0;
    if (!sweeps && !snapshots && !counted) {
      this.maintenance = null;
      this.updates = updates;
      return;
    }
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "linr-index-maintenance-" + model);
              t.setDaemon(true);
              return t;
            });
    if (sweeps) {
      long s = settings.expirySweepSeconds();
      maintenance.scheduleWithFixedDelay(
          () -> run(model, "expiry sweep", expire), s, s, TimeUnit.SECONDS);
    }
    if (snapshots) {
      long s = settings.snapshotIntervalSeconds();
      maintenance.scheduleWithFixedDelay(
          () -> run(model, "snapshot", snapshot), s, s, TimeUnit.SECONDS);
    }
    this.updates =
        counted
            ? new Counted(
                updates,
                settings.snapshotEveryUpdates(),
                () -> maintenance.execute(() -> run(model, "snapshot", snapshot)))
            : updates;
  }

  /** Serves a live index with updates in memory; takes ownership of {@code live}. */
  public static ServedIndex inMemory(String model, LiveIndex live, UpdateSettings settings) {
    Objects.requireNonNull(live, "live");
    LiveIndexUpdates updates = new LiveIndexUpdates(live);
    return new ServedIndex(
        model,
        live,
        updates,
        updates::items,
        live,
        () -> updates.expire(Instant.now().getEpochSecond()),
        null,
        settings);
  }

  /** Serves a durable index; takes ownership of {@code durable}. */
  public static ServedIndex durable(
      String model, DurableIndex durable, DurableIndexUpdates updates, UpdateSettings settings) {
    Objects.requireNonNull(durable, "durable");
    return new ServedIndex(
        model,
        durable.live(),
        updates,
        updates::items,
        durable,
        () -> updates.expire(Instant.now().getEpochSecond()),
        updates::snapshot,
        settings);
  }

  /**
   * The live index: search through it (it replaces its model when it grows, so no model of it may
   * be kept); update through {@link #updates()}.
   */
  public LiveIndex live() {
    return live;
  }

  /** Its item updates. */
  public ItemUpdates updates() {
    return updates;
  }

  /** Ids in the index after the last batch applied, without waiting for a batch in progress. */
  public long items() {
    return items.getAsLong();
  }

  /**
   * Stops the maintenance and closes the index.
   *
   * @throws UncheckedIOException if the index's log cannot be closed
   */
  @Override
  public void close() {
    if (maintenance != null) {
      // Not interrupted: an interrupt would close the log's channel in the middle of a sweep.
      maintenance.shutdown();
      try {
        if (!maintenance.awaitTermination(CLOSE_WAIT_MINUTES, TimeUnit.MINUTES)) {
          LOG.warn("maintenance of an index model still runs after {} min", CLOSE_WAIT_MINUTES);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      owner.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(String model, String what, Task task) {
    try {
      task.run();
    } catch (Exception e) {
      LOG.warn("{} of index model {} failed: {}", what, model, e.toString());
    }
  }

  /**
   * Item updates that ask for a snapshot after every {@code every} batches (thread-safe; the
   * snapshot runs on the maintenance thread, after the batch is answered).
   */
  private static final class Counted implements ItemUpdates {
    private final ItemUpdates updates;
    private final int every;
    private final Runnable snapshot;
    private final AtomicLong batches = new AtomicLong();

    Counted(ItemUpdates updates, int every, Runnable snapshot) {
      this.updates = updates;
      this.every = every;
      this.snapshot = snapshot;
    }

    @Override
    public UpdateResult upsert(List<String> items) throws IOException {
      UpdateResult r = updates.upsert(items);
      counted();
      return r;
    }

    @Override
    public UpdateResult delete(List<?> ids) throws IOException {
      UpdateResult r = updates.delete(ids);
      counted();
      return r;
    }

    @Override
    public UpdateResult upsert(List<String> items, Map<String, Long> positions) throws IOException {
      UpdateResult r = updates.upsert(items, positions);
      counted();
      return r;
    }

    @Override
    public UpdateResult delete(List<?> ids, Map<String, Long> positions) throws IOException {
      UpdateResult r = updates.delete(ids, positions);
      counted();
      return r;
    }

    @Override
    public Map<String, Long> positions() {
      return updates.positions();
    }

    private void counted() {
      if (batches.incrementAndGet() % every == 0) {
        try {
          snapshot.run();
        } catch (RejectedExecutionException e) {
          // Closing: no more snapshots.
        }
      }
    }

    @Override
    public IdType idType() {
      return updates.idType();
    }

    @Override
    public IndexStatus status() {
      return updates.status();
    }
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }
}
