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
   * Calls per second when {@code threads} threads share calls [0, n) (each index once), after one
   * warm-up pass over the first {@code warmup} indices.
   */
  static double perSecond(int n, int warmup, int threads, IndexedAction action) throws Exception {
    for (int i = 0; i < Math.min(warmup, n); i++) {
      action.run(i);
    }
    AtomicInteger next = new AtomicInteger();
    Exception[] failure = new Exception[1];
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
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
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure[0] != null) {
      throw failure[0];
    }
    return n / seconds;
  }
}
