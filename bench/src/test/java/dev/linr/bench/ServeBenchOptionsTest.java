package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServeBenchOptionsTest {
  @Test
  void defaultsAreAMillionItemsOf128AtConcurrency1_8_64() {
    ServeBench.Options o = ServeBench.Options.parse(new String[0]);
    assertEquals(1_000_000, o.items());
    assertEquals(128, o.dim());
    assertEquals(32, o.batchSize());
    assertEquals(5, o.maxBatchDelay());
    assertEquals(0, o.maxWorkers());
    assertArrayEquals(new int[] {1, 8, 64}, o.concurrency());
    assertArrayEquals(new int[] {1, 8}, o.feedConcurrency());
  }

  @Test
  void optionsOverrideTheDefaults() {
    ServeBench.Options o =
        ServeBench.Options.parse(
            new String[] {
              "--items", "100000", "--duration", "5", "--concurrency", "2, 4", "--max-workers", "1"
            });
    assertEquals(100_000, o.items());
    assertEquals(1, o.maxWorkers());
    assertEquals(5, o.duration());
    assertArrayEquals(new int[] {2, 4}, o.concurrency());
  }

  @Test
  void aFractionalDurationIsRefusedNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeBench.Options.parse(new String[] {"--duration", "1.5"}));
    assertEquals("--duration must be an integer, got: 1.5", e.getMessage());
  }

  @Test
  void fewerItemsThanTheWorkflowRetrievesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeBench.Options.parse(new String[] {"--items", "99"}));
    assertTrue(e.getMessage().startsWith("--items must be at least 100"), e.getMessage());
  }

  @Test
  void anUnknownOptionIsRefusedWithTheUsage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeBench.Options.parse(new String[] {"--item", "5"}));
    assertTrue(e.getMessage().startsWith("unknown option --item; usage:"), e.getMessage());
  }

  @Test
  void anOptionWithoutValueIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ServeBench.Options.parse(new String[] {"--dim"}));
    assertTrue(e.getMessage().startsWith("--dim needs a value"), e.getMessage());
  }
}
