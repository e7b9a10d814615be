package dev.linr.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

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
    Arrays.sort(ms);
    return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  }

  /**
   * Calls per second when {@code threads} threads share calls over indices [0, n): one warm-up pass
   * over all n, then the best of three windows of whole passes, each at least {@code minSeconds}
   * long (the best, because other work on a shared machine only ever slows a window down).
   */
  static double perSecond(int n, int threads, double minSeconds, IndexedAction action)
      throws Exception {
    pass(n, threads, action);
    double best = 0;
    for (int window = 0; window < 3; window++) {
      long calls = 0;
      long start = System.nanoTime();
      double seconds;
      do {
        pass(n, threads, action);
        calls += n;
        seconds = (System.nanoTime() - start) / 1e9;
      } while (seconds < minSeconds);
      best = Math.max(best, calls / seconds);
    }
    return best;
  }

  private static void pass(int n, int threads, IndexedAction action) throws Exception {
    AtomicInteger next = new AtomicInteger();
    Exception[] failure = new Exception[1];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    action.run(i);
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
  }
}
