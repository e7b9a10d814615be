package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimingTest {
  @Test
  void throughputCyclesOverEveryIndexFromLongLivedThreads() throws Exception {
    AtomicLong calls = new AtomicLong();
    long[] perIndex = new long[5];
    ConcurrentHashMap<Thread, Boolean> threads = new ConcurrentHashMap<>();
    double rate =
        Timing.perSecond(
            5,
            2,
            0.02,
            i -> {
              synchronized (perIndex) {
                perIndex[i]++;
              }
              threads.put(Thread.currentThread(), true);
              calls.incrementAndGet();
            });
    assertTrue(rate > 0, "rate " + rate);
    long least = Long.MAX_VALUE;
    long most = 0;
    for (long c : perIndex) {
      least = Math.min(least, c);
      most = Math.max(most, c);
    }
    // Indices are handed out in turn: no index runs more than once per turn beyond another.
    assertTrue(least >= 1, "every index runs in the warm-up");
    assertTrue(most - least <= 4, "cycling: " + java.util.Arrays.toString(perIndex));
    // Two threads for the warm-up and two for each window: 8 at most, not one set per pass.
    assertTrue(threads.size() <= 8, threads.size() + " threads");
    assertEquals(calls.get(), java.util.Arrays.stream(perIndex).sum());
  }

  @Test
  void aFailingCallFailsTheMeasurement() {
    IllegalStateException boom = new IllegalStateException("boom");
    Exception thrown =
        assertThrows(
            Exception.class,
            () ->
                Timing.perSecond(
                    3,
                    2,
                    0.01,
                    i -> {
                      throw boom;
                    }));
    assertSame(boom, thrown);
  }
}
