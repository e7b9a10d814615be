package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptionArgsTest {
  private static String refused(Runnable parse) {
    return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
  }

  @Test
  void aPositiveValueIsAnIntOfAtLeastOne() {
    assertEquals(7, OptionArgs.positive("--rounds", " 7 "));
    assertEquals(Integer.MAX_VALUE, OptionArgs.positive("--rounds", "2147483647"));
    assertEquals(
        "--rounds must be positive, got: 0", refused(() -> OptionArgs.positive("--rounds", "0")));
    assertEquals(
        "--rounds must be positive, got: -3", refused(() -> OptionArgs.positive("--rounds", "-3")));
    assertEquals(
        "--rounds must be at most 2147483647, got: 3000000000",
        refused(() -> OptionArgs.positive("--rounds", "3000000000")));
    assertEquals(
        "--rounds must be an integer, got: 1.5",
        refused(() -> OptionArgs.positive("--rounds", "1.5")));
  }

  @Test
  void aNumberIsAnIntegerInItsRange() {
    assertEquals(5, OptionArgs.number("--items", "5", 1, 10));
    assertEquals(
        "--items must be between 1 and 10, got: 11",
        refused(() -> OptionArgs.number("--items", "11", 1, 10)));
    assertEquals(
        "--items must be an integer, got: ten",
        refused(() -> OptionArgs.number("--items", "ten", 1, 10)));
  }
}
