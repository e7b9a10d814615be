package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FusedServingTranslatorTest {
  @Test
  void includeAttributesMustBeTrueOrFalse() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FusedServingTranslator().setArguments(Map.of("includeAttributes", "yes")));
    assertEquals(
        "translator argument includeAttributes must be true or false, got: 'yes'", e.getMessage());
  }

  @Test
  void indexArgumentsAreCheckedAsTheIndexChecksThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FusedServingTranslator().setArguments(Map.of("maxK", "1.5")));
    assertEquals("translator argument maxK must be an integer, got: '1.5'", e.getMessage());
  }

  @Test
  void parserIsUnavailableBeforePrepare() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new FusedServingTranslator().parser());
    assertEquals("the translator is not prepared yet", e.getMessage());
  }
}
