package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {
  @Test
  void everyCallNumberIsUsedExactlyOnceAcrossTheClients() throws Exception {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    LoadResult r =
        ClosedLoop.run(
            "numbering",
            4,
            Duration.ZERO,
            Duration.ofMillis(100),
            i -> {
              calls.incrementAndGet();
              if (!seen.add(i)) {
                throw new IllegalStateException("call number " + i + " used twice");
              }
            });
    assertEquals(calls.get(), seen.size());
    for (int i = 0; i < seen.size(); i++) {
      assertTrue(seen.contains(i), "call number " + i + " skipped");
    }
    assertTrue(r.requests() <= calls.get());
    assertEquals(4, r.concurrency());
  }

  @Test
  void clientsRunOnNamedThreads() throws Exception {
    Set<String> names = ConcurrentHashMap.newKeySet();
    ClosedLoop.run(
        "named",
        3,
        Duration.ZERO,
        Duration.ofMillis(50),
        i -> names.add(Thread.currentThread().getName()));
    assertEquals(Set.of("named-client-1", "named-client-2", "named-client-3"), names);
  }

  @Test
  void aFailingCallStopsTheRunAndIsRethrown() {
    IllegalStateException boom = new IllegalStateException("answered 503");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                ClosedLoop.run(
                    "failing",
                    2,
                    Duration.ZERO,
                    Duration.ofMinutes(10),
                    i -> {
                      if (i == 5) {
                        throw boom;
                      }
                    }));
    assertSame(boom, thrown);
  }

  @Test
  void concurrencyBelowOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClosedLoop.run("none", 0, Duration.ZERO, Duration.ofSeconds(1), i -> {}));
    assertEquals("concurrency must be at least 1, got: 0", e.getMessage());
  }
}
