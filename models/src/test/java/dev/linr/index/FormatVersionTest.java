package dev.linr.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormatVersionTest {
  @Test
  void versionsTwoToFourAreReadOthersRefusedByName() {
    assertDoesNotThrow(() -> FormatVersion.check(2, "index.json"));
    assertDoesNotThrow(() -> FormatVersion.check(3, "index.json"));
    assertDoesNotThrow(() -> FormatVersion.check(4, "index.json"));
    IllegalArgumentException old =
        assertThrows(IllegalArgumentException.class, () -> FormatVersion.check(1, "a/index.json"));
    assertEquals(
        "a/index.json: index format version 1 is not supported; this linr reads versions 2 to 4",
        old.getMessage());
    IllegalArgumentException newer =
        assertThrows(IllegalArgumentException.class, () -> FormatVersion.check(5, "index.json"));
    assertTrue(newer.getMessage().endsWith("(the archive was built by a newer linr)"));
  }

  @Test
  void onlyVersionThreeOnTakesAWorkLimit() {
    assertFalse(FormatVersion.limitsWork(2));
    assertTrue(FormatVersion.limitsWork(3));
    assertTrue(FormatVersion.limitsWork(FormatVersion.CURRENT));
  }

  @Test
  void onlyVersionFourOnTakesAProgramForEveryQuery() {
    assertFalse(FormatVersion.takesEveryQueryPrograms(2));
    assertFalse(FormatVersion.takesEveryQueryPrograms(3));
    assertTrue(FormatVersion.takesEveryQueryPrograms(4));
    assertTrue(FormatVersion.takesEveryQueryPrograms(FormatVersion.CURRENT));
  }
}
