package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickBenchOptionsTest {
  @Test
  void defaultsAre200kBy128ForBothScenariosWithoutLucene() {
    QuickBench.Options o = QuickBench.Options.parse(new String[0]);
    assertEquals(200_000, o.items());
    assertEquals(128, o.dim());
    assertEquals(200_000, o.filterItems());
    assertEquals(64, o.queries());
    assertEquals(7, o.repeats());
    assertFalse(o.lucene());
    assertEquals(Path.of("bench", "results"), o.results());
  }

  @Test
  void optionsOverrideTheDefaults() {
    QuickBench.Options o =
        QuickBench.Options.parse(
            new String[] {
              "--items", "20000", "--filter-items", "50000", "--lucene", "--dim", "32"
            });
    assertEquals(20_000, o.items());
    assertEquals(50_000, o.filterItems());
    assertEquals(32, o.dim());
    assertTrue(o.lucene());
  }

  @Test
  void aFractionalSizeIsRefusedNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QuickBench.Options.parse(new String[] {"--items", "1.5"}));
    assertEquals("--items must be an integer, got: 1.5", e.getMessage());
  }

  @Test
  void fewerQueriesThanOneBatchAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QuickBench.Options.parse(new String[] {"--queries", "31"}));
    assertEquals("--queries must be at least 32 (one B=32 batch), got: 31", e.getMessage());
  }

  @Test
  void anUnknownOptionIsRefusedWithTheUsage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QuickBench.Options.parse(new String[] {"--item", "5"}));
    assertTrue(e.getMessage().startsWith("unknown option --item; usage:"), e.getMessage());
  }

  @Test
  void anOptionWithoutValueIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QuickBench.Options.parse(new String[] {"--repeats"}));
    assertEquals("--repeats needs a value", e.getMessage());
  }
}
