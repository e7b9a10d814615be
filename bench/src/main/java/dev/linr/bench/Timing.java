package dev.linr.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Latency medians and multi-threaded throughput for the filtered benchmark. */
final class Timing {
  private Timing() {}

  /** One timed call on item {@code i} of a list (a query, or a batch). */
  interface IndexedAction {
    void run(int i) throws Exception;
  }

  /** Median milliseconds of {@code action(i)} for i in [0, n), after {@code warmup} calls. */
  static double medianMs(int n, int warmup, IndexedAction action) throws Exception {
    for (int i = 0; i < warmup; i++) {
      action.run(i % n);
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      action.run(i);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    return median(ms);
  }

  /** The median of the values (the mean of the middle two for an even count). */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Calls per second when {@code threads} threads share calls over indices [0, n), cycling: one
   * warm-up pass over all n, then the best of three windows of at least {@code minSeconds} (the
   * best, because other work on a shared machine only ever slows a window down). The threads live
   * for a whole window, as a server's workers do: starting threads for every pass over a few
   * batches would charge each batch a thread's start and the native per-thread set-up of its first
   * calls.
   */
  static double perSecond(int n, int threads, double minSeconds, IndexedAction action)
      throws Exception {
    run(threads, next -> next < n, action, n);
    double best = 0;
    for (int window = 0; window < 3; window++) {
      long start = System.nanoTime();
      long deadline = start + (long) (minSeconds * 1e9);
      long calls = run(threads, next -> System.nanoTime() < deadline, action, n);
      best = Math.max(best, calls / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  /**
   * Runs {@code action} on indices 0, 1, 2, ... (modulo n) from {@code threads} threads while
   * {@code more} holds for the next call's number; returns how many calls ran.
   */
  private static long run(
      int threads, java.util.function.LongPredicate more, IndexedAction action, int n)
      throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    Exception[] failure = new Exception[1];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                try {
                  for (long i = next.getAndIncrement(); more.test(i); i = next.getAndIncrement()) {
                    action.run((int) (i % n));
                    done.incrementAndGet();
                  }
                } catch (Exception e) {
                  synchronized (failure) {
                    failure[0] = e;
                  }
                }
              },
              "bench-worker-" + t);
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return done.get();
  }
}
