package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadResultTest {
  @Test
  void percentilesAreNearestRankOverTheLatencies() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted
    }
    LoadResult r = LoadResult.of(8, nanos, 4.0, 0.5);
    assertEquals(50.0, r.p50Ms());
    assertEquals(99.0, r.p99Ms());
    assertEquals(50.5, r.meanMs(), 1e-9);
    assertEquals(100.0, r.maxMs());
    assertEquals(25.0, r.qps());
    assertEquals(100, r.requests());
  }

  @Test
  void theP99OfFewCallsIsTheSlowest() {
    LoadResult r = LoadResult.of(1, new long[] {3_000_000, 1_000_000, 2_000_000}, 1.0, -1);
    assertEquals(2.0, r.p50Ms());
    assertEquals(3.0, r.p99Ms());
  }

  @Test
  void aWindowWithoutCompletedCallsIsAnErrorNamingTheConcurrency() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LoadResult.of(64, new long[0], 5.0, 1));
    assertTrue(e.getMessage().contains("concurrency 64"), e.getMessage());
    assertTrue(e.getMessage().contains("--duration"), e.getMessage());
  }
}
