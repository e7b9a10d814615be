package dev.linr.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: a named fixed pool of {@code concurrency} client threads, each
 * making its next call as soon as its previous call returns. Calls are numbered 0, 1, 2, ... across
 * all threads (a caller picks its query by number). A call that throws stops the run, and {@link
 * #run} rethrows it.
 *
 * <pre>{@code
 * LoadResult r = ClosedLoop.run("http-c8", 8, Duration.ofSeconds(2), Duration.ofSeconds(10),
 *     i -> http.postJson("/predictions/posts", bodies[i % bodies.length]));
 * }</pre>
 *
 * <p>The measured window opens once the warm-up has passed and every client has had at least one
 * answer (so that at high concurrency the queue has filled: the steady state), and lasts {@code
 * window}. Only calls that complete inside it count, toward both the rate and the latencies; a
 * call's latency is from its start to its return on the client thread.
 */
final class ClosedLoop {
  /** The longest the run waits for every client's first answer. */
  static final Duration FIRST_ANSWERS_TIMEOUT = Duration.ofMinutes(10);

  private ClosedLoop() {}

  static LoadResult run(
      String name, int concurrency, Duration warmup, Duration window, Timing.IndexedAction call)
      throws Exception {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got: " + concurrency);
    }
    AtomicLong cursor = new AtomicLong();
    // Clients stop starting calls at the deadline; it is set once the window is known.
    AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
    CountDownLatch firstAnswers = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, named(name + "-client-"));
    try {
      List<Future<long[]>> clients = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        clients.add(
            pool.submit(
                () -> {
                  // Pairs of (end time, latency), filtered to the window afterwards.
                  long[] calls = new long[512];
                  int n = 0;
                  boolean answered = false;
                  try {
                    while (System.nanoTime() < deadline.get()) {
                      long t0 = System.nanoTime();
                      call.run((int) (cursor.getAndIncrement() & Integer.MAX_VALUE));
                      long t1 = System.nanoTime();
                      if (n + 2 > calls.length) {
                        calls = Arrays.copyOf(calls, calls.length * 2);
                      }
                      calls[n++] = t1;
                      calls[n++] = t1 - t0;
                      if (!answered) {
                        answered = true;
                        firstAnswers.countDown();
                      }
                    }
                  } catch (Exception e) {
                    deadline.set(Long.MIN_VALUE);
                    throw e;
                  } finally {
                    if (!answered) {
                      firstAnswers.countDown();
                    }
                  }
                  return Arrays.copyOf(calls, n);
                }));
      }
      if (!firstAnswers.await(FIRST_ANSWERS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        deadline.set(Long.MIN_VALUE);
        throw new IllegalStateException(
            name + ": not every client had an answer within " + FIRST_ANSWERS_TIMEOUT);
      }
      long warm = start + warmup.toNanos() - System.nanoTime();
      if (warm > 0) {
        TimeUnit.NANOSECONDS.sleep(warm);
      }
      double load = Machine.loadAverage();
      long from = System.nanoTime();
      long to = from + window.toNanos();
      deadline.compareAndSet(Long.MAX_VALUE, to);
      long[] latencies = new long[0];
      int count = 0;
      Exception failure = null;
      for (Future<long[]> f : clients) {
        try {
          long[] mine = f.get();
          latencies = Arrays.copyOf(latencies, count + mine.length / 2);
          for (int i = 0; i < mine.length; i += 2) {
            if (mine[i] >= from && mine[i] <= to) {
              latencies[count++] = mine[i + 1];
            }
          }
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception c ? c : e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return LoadResult.of(
          concurrency, Arrays.copyOf(latencies, count), window.toNanos() / 1e9, load);
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
