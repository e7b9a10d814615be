package dev.linr.bench;

import com.google.gson.JsonObject;
import dev.linr.live.DurableIndex;
import dev.linr.query.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The restart part of the updates benchmark, in process with {@link DurableIndex} on the data
 * folder the server left behind (the server must have stopped):
 *
 * <ol>
 *   <li>open it: the server's snapshot plus the whole log of the load runs, replayed;
 *   <li>write a snapshot (which also deletes the log it covers);
 *   <li>close and reopen: the snapshot alone (its load time);
 *   <li>apply {@code updates} more items of the same {@link UpdateStream}, durably, in its batches;
 *   <li>close and reopen: the snapshot plus a log of those updates. The replay time is this open's
 *       time less the snapshot-only open's.
 * </ol>
 *
 * <p>After every open the item count must be the one the tally of all updates gives, and the
 * sampled queries must answer exactly as the index did when built (the stream never changes their
 * answers); otherwise the step fails. Not thread-safe; one use.
 */
final class DurableRestart {
  private final Path folder;
  private final float[][] queries;
  private final int k;
  private final AnswerCheck answers;
  private final long initialItems;
  private final UpdateTally tally;

  /**
   * @param folder the index's data folder ({@code <index_data_dir>/<model>})
   * @param answers the reference answers of the sampled queries (counted here)
   * @param initialItems the item count before any update
   * @param tally every update applied so far (the updates applied here are added)
   */
  DurableRestart(
      Path folder,
      float[][] queries,
      int k,
      AnswerCheck answers,
      long initialItems,
      UpdateTally tally) {
    this.folder = folder;
    this.queries = queries;
    this.k = k;
    this.answers = answers;
    this.initialItems = initialItems;
    this.tally = tally;
  }

  JsonObject run(UpdateStream stream, AtomicLong nextRequest, int updates) throws IOException {
    JsonObject out = new JsonObject();
    long t0 = System.nanoTime();
    DurableIndex index = open();
    double reopen = seconds(t0);
    out.addProperty("reopen_after_run_s", reopen);
    out.addProperty("run_log_records", index.lastSequence());
    log(
        String.format(
            Locale.ROOT,
            "reopened after the run in %.1f s (%,d log records replayed)",
            reopen,
            index.lastSequence()));
    verify(index, "after the load runs");
    try {
      t0 = System.nanoTime();
      index.snapshot();
      out.addProperty("snapshot_write_s", seconds(t0));
      log(String.format(Locale.ROOT, "snapshot written in %.1f s", seconds(t0)));
    } finally {
      index.close();
    }

    t0 = System.nanoTime();
    index = open();
    double snapshotLoad = seconds(t0);
    out.addProperty("snapshot_load_s", snapshotLoad);
    out.addProperty("snapshot_items", index.live().size());
    log(String.format(Locale.ROOT, "snapshot loaded in %.1f s", snapshotLoad));
    long logged;
    long sequence;
    try {
      verify(index, "from the snapshot");
      long first = index.lastSequence();
      long items = 0;
      long requests = 0;
      t0 = System.nanoTime();
      while (items < updates) {
        UpdateStream.Batch b = stream.batch(nextRequest.getAndIncrement());
        if (b.isDelete()) {
          tally.local(b, index.delete(b.deleteIds()));
        } else {
          tally.local(b, index.upsert(b.lines()));
        }
        items += b.size();
        requests++;
      }
      double applySeconds = seconds(t0);
      sequence = index.lastSequence();
      logged = sequence - first;
      out.addProperty("log_item_updates", items);
      out.addProperty("log_requests", requests);
      out.addProperty("log_records", logged);
      out.addProperty("apply_s", applySeconds);
      out.addProperty("apply_items_per_s", items / applySeconds);
      log(
          String.format(
              Locale.ROOT,
              "%,d item updates in %,d durable batches in process: %.1f s, %,.0f items/s",
              items,
              requests,
              applySeconds,
              items / applySeconds));
    } finally {
      index.close();
    }

    t0 = System.nanoTime();
    index = open();
    double restart = seconds(t0);
    try {
      verify(index, "from the snapshot and the log");
      if (index.lastSequence() != sequence) {
        throw new IllegalStateException(
            "the reopened index is at log record "
                + index.lastSequence()
                + ", the updates ended at "
                + sequence);
      }
    } finally {
      index.close();
    }
    double replay = restart - snapshotLoad;
    long items = out.get("log_item_updates").getAsLong();
    out.addProperty("restart_s", restart);
    out.addProperty("replay_s", replay);
    if (replay > 0) {
      // Absent when the replay is within the snapshot load's run-to-run noise (small runs).
      out.addProperty("replay_items_per_s", items / replay);
    }
    out.add("answers", answers.json());
    log(
        String.format(
            Locale.ROOT,
            "restart from the snapshot plus %,d logged item updates: %.1f s (replay %.1f s)",
            items,
            restart,
            replay));
    return out;
  }

  private DurableIndex open() throws IOException {
    return DurableIndex.builder().setDirectory(folder).build();
  }

  /** The item count and the sampled answers of a reopened index. */
  private void verify(DurableIndex index, String when) {
    long expected = tally.expectedItems(initialItems);
    if (index.live().size() != expected) {
      throw new IllegalStateException(
          "the index reopened "
              + when
              + " holds "
              + index.live().size()
              + " items; the updates leave "
              + expected);
    }
    for (int q = 0; q < ServeBench.SAMPLES; q++) {
      answers.response(
          q, index.live().search(SearchRequest.builder().setVector(queries[q]).optK(k).build()));
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void log(String message) {
    System.err.println("[updates bench] " + message);
  }
}
