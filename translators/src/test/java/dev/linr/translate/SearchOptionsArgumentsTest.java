package dev.linr.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Translator arguments: the planner options, {@code smallWork} among them, and integer limits. */
class SearchOptionsArgumentsTest {
  @Test
  void defaultsHoldWhereNothingIsGiven() {
    SearchOptions o = TranslatorArguments.searchOptions(Map.of(), SearchOptions.DEFAULT);
    assertEquals(SearchOptions.DEFAULT, o);
    assertEquals(1 << 20, o.smallWork());
  }

  @Test
  void everyOptionIsRead() {
    SearchOptions o =
        TranslatorArguments.searchOptions(
            Map.of("compactThreshold", "0.25", "searchPath", "compact", "smallWork", " 0 "),
            SearchOptions.DEFAULT);
    assertEquals(new SearchOptions(0.25, SearchPath.COMPACT, 0), o);
  }

  @Test
  void aForcedPathKeepsTheSmallWorkLimit() {
    SearchOptions o = new SearchOptions(0.1, SearchPath.AUTO, 77);
    assertEquals(77, o.withPath(SearchPath.MASKED).smallWork());
  }

  @Test
  void aBadSmallWorkNamesTheArgument() {
    IllegalArgumentException word =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TranslatorArguments.searchOptions(
                    Map.of("smallWork", "lots"), SearchOptions.DEFAULT));
    assertEquals(
        "translator argument smallWork must be an integer, got: 'lots'", word.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TranslatorArguments.searchOptions(
                    Map.of("smallWork", "-1"), SearchOptions.DEFAULT));
    assertEquals(
        "translator argument smallWork must be at least 0, got: -1", negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SearchOptions(0.1, SearchPath.AUTO, -5));
  }

  @Test
  void aPositiveIntegerArgumentNamesTheKeyWhenWrong() {
    assertEquals(7, TranslatorArguments.positiveInt(Map.of("maxK", " 7 "), "maxK", 10));
    assertEquals(10, TranslatorArguments.positiveInt(Map.of(), "maxK", 10));
    IllegalArgumentException word =
        assertThrows(
            IllegalArgumentException.class,
            () -> TranslatorArguments.positiveInt(Map.of("maxK", "1.7"), "maxK", 10));
    assertEquals("translator argument maxK must be an integer, got: '1.7'", word.getMessage());
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> TranslatorArguments.positiveInt(Map.of("maxBatch", "0"), "maxBatch", 10));
    assertEquals("translator argument maxBatch must be at least 1, got: 0", zero.getMessage());
  }
}
