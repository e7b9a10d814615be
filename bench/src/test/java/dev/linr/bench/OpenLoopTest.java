package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
  @Test
  void callsAreNumberedFromZeroWithoutGapsAndEveryStartedCallCompletes() throws Exception {
    Set<Integer> started = new ConcurrentSkipListSet<>();
    AtomicInteger completed = new AtomicInteger();
    LoadResult r =
        OpenLoop.run(
            "open-loop-test",
            200,
            2,
            Duration.ZERO,
            Duration.ofMillis(500),
            i -> {
              started.add(i);
              completed.incrementAndGet();
            });
    assertEquals(started.size(), completed.get());
    TreeSet<Integer> expected = new TreeSet<>();
    for (int i = 0; i < started.size(); i++) {
      expected.add(i);
    }
    assertEquals(expected, started);
    assertTrue(r.requests() <= started.size(), r.toString());
  }

  @Test
  void aFailingCallFailsTheRun() {
    IllegalStateException failure = new IllegalStateException("refused");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                OpenLoop.run(
                    "open-loop-fail",
                    100,
                    1,
                    Duration.ZERO,
                    Duration.ofSeconds(60),
                    i -> {
                      throw failure;
                    }));
    assertSame(failure, e);
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> OpenLoop.run("open-loop-zero", 0, 1, Duration.ZERO, Duration.ofSeconds(1), i -> {}));
  }
}
