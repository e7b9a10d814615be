package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpdatesBenchOptionsTest {
  @Test
  void defaultsAreAMillionItemsOf128At0_1k_10kUpdatesPerSecond() {
    UpdatesBench.Options o = UpdatesBench.Options.parse(new String[0]);
    assertEquals(1_000_000, o.items());
    assertEquals(128, o.dim());
    assertArrayEquals(new int[] {0, 1000, 10_000}, o.rates());
    assertEquals(100, o.batch());
    assertEquals(8, o.concurrency());
    assertEquals(100_000, o.restartUpdates());
  }

  @Test
  void optionsOverrideTheDefaults() {
    UpdatesBench.Options o =
        UpdatesBench.Options.parse(
            new String[] {
              "--items", "50000", "--duration", "5", "--rates", "0, 500", "--batch", "10"
            });
    assertEquals(50_000, o.items());
    assertEquals(5, o.duration());
    assertArrayEquals(new int[] {0, 500}, o.rates());
    assertEquals(10, o.batch());
  }

  @Test
  void ratesWithoutTheBaselineAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UpdatesBench.Options.parse(new String[] {"--rates", "1000,10000"}));
    assertEquals(
        "--rates must include 0 (the baseline without updates), got: 1000,10000", e.getMessage());
  }

  @Test
  void aNegativeRateIsRefusedNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UpdatesBench.Options.parse(new String[] {"--rates", "0,-5"}));
    assertEquals("--rates must be between 0 and 10000000, got: -5", e.getMessage());
  }

  @Test
  void anUnknownOptionIsRefusedWithTheUsage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UpdatesBench.Options.parse(new String[] {"--rate", "5"}));
    assertTrue(e.getMessage().startsWith("unknown option --rate; usage:"), e.getMessage());
  }
}
