package dev.linr.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An open-loop load generator: call {@code i} (0, 1, 2, ...) is due at {@code start + i / rate},
 * whether or not earlier calls have answered, and runs on a named fixed pool of {@code senders}
 * threads (calls due while every sender is busy wait in order). The calling thread paces. A call
 * that throws stops the run, and {@link #run} rethrows it.
 *
 * <p>A call's latency is from the time it was due to its return, so waiting for a free sender
 * counts (no coordinated omission). The measured window opens once the warm-up has passed and lasts
 * {@code window}; only calls that complete inside it count. At the window's end no further call is
 * started: calls still waiting are dropped (never sent) and calls being sent are waited for, so
 * every started call has completed when this returns. The achieved rate is the calls completed in
 * the window per second, at most the target when the callee keeps up.
 */
final class OpenLoop {
  private OpenLoop() {}

  /**
   * @param perSecond the target rate of calls per second (positive)
   * @param senders the threads that make calls (at most this many calls are outstanding)
   */
  static LoadResult run(
      String name,
      double perSecond,
      int senders,
      Duration warmup,
      Duration window,
      Timing.IndexedAction call)
      throws Exception {
    if (!(perSecond > 0) || senders < 1) {
      throw new IllegalArgumentException(
          "rate and senders must be positive, got: " + perSecond + ", " + senders);
    }
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long to = from + window.toNanos();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Latencies latencies = new Latencies();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            senders,
            senders,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            ClosedLoop.named(name + "-sender-"));
    double load = -1;
    boolean loadRead = false;
    try {
      for (long i = 0; ; i++) {
        long due = start + (long) (i * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!loadRead && System.nanoTime() >= from) {
          load = Machine.loadAverage();
          loadRead = true;
        }
        if (due >= to || failure.get() != null) {
          break;
        }
        int index = (int) (i & Integer.MAX_VALUE);
        pool.execute(
            () -> {
              if (failure.get() != null) {
                return;
              }
              try {
                call.run(index);
              } catch (Exception e) {
                failure.compareAndSet(null, e);
                return;
              }
              long end = System.nanoTime();
              if (end >= from && end <= to) {
                latencies.add(end - due);
              }
            });
      }
    } finally {
      pool.getQueue().clear();
      pool.shutdown();
      if (!pool.awaitTermination(HttpLoad.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        pool.shutdownNow();
        failure.compareAndSet(
            null, new IllegalStateException(name + ": calls still running after the window"));
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return LoadResult.of(senders, latencies.toArray(), window.toNanos() / 1e9, load);
  }

  /** Latencies in nanoseconds, added from the sender threads. */
  private static final class Latencies {
    private long[] values = new long[1024];
    private int count;

    synchronized void add(long nanos) {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = nanos;
    }

    synchronized long[] toArray() {
      return Arrays.copyOf(values, count);
    }
  }
}
