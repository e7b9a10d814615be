package dev.linr.e2e.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Reader threads for the concurrency suites: each searches over and over while a writer changes the
 * index, until the writer is done and the reader has run at least three more searches, or until any
 * reader fails.
 */
final class LiveReaders {
  /** One search and its checks. */
  @FunctionalInterface
  interface Search {
    void run() throws Exception;
  }

  private final AtomicBoolean done = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicInteger searches = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  private LiveReaders() {}

  /**
   * Starts {@code count} readers named {@code name + t}; reader {@code t} (from 0) makes its search
   * with {@code reader.apply(t)} on its own thread, then runs it until told to stop.
   */
  static LiveReaders start(int count, String name, IntFunction<Search> reader) {
    LiveReaders readers = new LiveReaders();
    for (int t = 0; t < count; t++) {
      int seed = t;
      readers.threads.add(new Thread(() -> readers.run(reader, seed), name + t));
    }
    readers.threads.forEach(Thread::start);
    return readers;
  }

  private void run(IntFunction<Search> reader, int seed) {
    try {
      Search search = reader.apply(seed);
      int after = 0;
      while (after < 3 && failure.get() == null) {
        boolean finished = done.get();
        search.run();
        searches.incrementAndGet();
        after += finished ? 1 : 0;
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Whether a reader has failed (the writer stops early). */
  boolean failed() {
    return failure.get() != null;
  }

  /**
   * Tells the readers the writer is done and waits for them.
   *
   * @return the number of searches they ran
   * @throws AssertionError wrapping the first reader failure
   */
  int finish() throws InterruptedException {
    done.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("a reader failed", failure.get());
    }
    return searches.get();
  }
}
