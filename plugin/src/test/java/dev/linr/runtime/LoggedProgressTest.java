package dev.linr.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoggedProgressTest {
  @Test
  void aShortBuildLogsNothingAndALongOneALinePerInterval() {
    AtomicLong clock = new AtomicLong(1_000);
    List<String> lines = new ArrayList<>();
    LoggedProgress p = new LoggedProgress("snapshot 7", 100, clock::get, lines::add);
    p.start("scanning", -1);
    p.advance(10);
    clock.addAndGet(99);
    p.advance(20);
    assertEquals(List.of(), lines, "within the first interval");
    clock.addAndGet(1);
    p.advance(1_500);
    p.advance(1_600);
    p.finish();
    p.start("writing", 2_000_000);
    clock.addAndGet(50);
    p.advance(5);
    clock.addAndGet(50);
    p.advance(1_048_576);
    assertEquals(
        List.of(
            "snapshot 7: scanning 1,500 items", "snapshot 7: writing 1,048,576 of 2,000,000 items"),
        lines);
  }
}
