package dev.linr.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: a named fixed pool of {@code concurrency} client threads, each
 * making its next call as soon as its previous call returns, for a warm-up and then a measured
 * window. Calls are numbered 0, 1, 2, ... across all threads (a caller picks its query by number).
 * A call that throws stops the run, and {@link #run} rethrows it.
 *
 * <pre>{@code
 * LoadResult r = ClosedLoop.run("http-c8", 8, Duration.ofSeconds(2), Duration.ofSeconds(10),
 *     i -> http.post("/predictions/posts", bodies[i % bodies.length]));
 * }</pre>
 *
 * <p>Only calls that complete inside the window count, toward both the rate and the latencies; a
 * call's latency is from its start to its return on the client thread.
 */
final class ClosedLoop {
  private ClosedLoop() {}

  static LoadResult run(
      String name, int concurrency, Duration warmup, Duration window, Timing.IndexedAction call)
      throws Exception {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got: " + concurrency);
    }
    AtomicLong cursor = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long measureTo = measureFrom + window.toNanos();
    double load = Machine.loadAverage();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, named(name + "-client-"));
    try {
      List<Future<long[]>> clients = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        clients.add(
            pool.submit(
                () -> {
                  long[] latencies = new long[256];
                  int n = 0;
                  try {
                    while (!stop.get()) {
                      long t0 = System.nanoTime();
                      if (t0 >= measureTo) {
                        break;
                      }
                      call.run((int) (cursor.getAndIncrement() & Integer.MAX_VALUE));
                      long t1 = System.nanoTime();
                      if (t1 >= measureFrom && t1 <= measureTo) {
                        if (n == latencies.length) {
                          latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t1 - t0;
                      }
                    }
                  } catch (Exception e) {
                    stop.set(true);
                    throw e;
                  }
                  return Arrays.copyOf(latencies, n);
                }));
      }
      long[] all = new long[0];
      Exception failure = null;
      for (Future<long[]> f : clients) {
        try {
          long[] mine = f.get();
          int at = all.length;
          all = Arrays.copyOf(all, at + mine.length);
          System.arraycopy(mine, 0, all, at, mine.length);
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception c ? c : e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return LoadResult.of(concurrency, all, window.toNanos() / 1e9, load);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Daemon threads named {@code prefix1}, {@code prefix2}, ... */
  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
