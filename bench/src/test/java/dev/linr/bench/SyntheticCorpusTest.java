package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCorpusTest {
  private static final int ITEMS = 20_000;

  @TempDir Path a;
  @TempDir Path b;

  @Test
  void theSameSeedWritesTheSameFilesAndQueries() throws IOException {
    SyntheticCorpus first = SyntheticCorpus.generate(a, 3000, 16, 5, 42);
    SyntheticCorpus second = SyntheticCorpus.generate(b, 3000, 16, 5, 42);
    assertArrayEquals(Files.readAllBytes(first.npy), Files.readAllBytes(second.npy));
    assertArrayEquals(Files.readAllBytes(first.metadata), Files.readAllBytes(second.metadata));
    for (int q = 0; q < 5; q++) {
      assertArrayEquals(first.queries[q], second.queries[q]);
    }
  }

  @Test
  void anotherSeedWritesOtherItems() throws IOException {
    SyntheticCorpus first = SyntheticCorpus.generate(a, 3000, 16, 5, 42);
    SyntheticCorpus second = SyntheticCorpus.generate(b, 3000, 16, 5, 43);
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(first.metadata), Files.readAllBytes(second.metadata)));
  }

  @Test
  void everyFilterPassesAsManyItemsAsTheFilterLanguageCountsInTheWrittenItems() throws IOException {
    SyntheticCorpus corpus = SyntheticCorpus.generate(a, ITEMS, 8, 1, 7);
    List<Map<String, List<Object>>> items = readItems(corpus.metadata);
    assertEquals(ITEMS, items.size());
    for (DatasetFilter f : corpus.filters()) {
      if (f.linr() == null) {
        assertEquals(ITEMS, f.count(ITEMS));
        continue;
      }
      Filter parsed = FilterParser.parse(f.linr());
      long expected = items.stream().filter(i -> FilterEvaluator.matches(parsed, i)).count();
      assertEquals(expected, f.count(ITEMS), f.linr());
      for (int slot = 0; slot < ITEMS; slot++) {
        if (f.passes().test(slot) != FilterEvaluator.matches(parsed, items.get(slot))) {
          throw new AssertionError(f.linr() + " disagrees on slot " + slot);
        }
      }
    }
  }

  @Test
  void filtersSpanAboutAThirdOfTheItemsDownToUnderATenthOfAPercent() throws IOException {
    SyntheticCorpus corpus = SyntheticCorpus.generate(a, ITEMS, 8, 1, 7);
    double highest = 0;
    double lowest = 1;
    for (DatasetFilter f : corpus.filters()) {
      double rate = (double) f.count(ITEMS) / ITEMS;
      if (f.linr() != null && rate > 0) {
        highest = Math.max(highest, rate);
        lowest = Math.min(lowest, rate);
      }
    }
    assertTrue(highest >= 0.3, "highest pass rate " + highest);
    assertTrue(lowest <= 0.001, "lowest pass rate " + lowest);
  }

  @Test
  void attributesFollowTheirDistributions() throws IOException {
    SyntheticCorpus corpus = SyntheticCorpus.generate(a, ITEMS, 8, 1, 7);
    int[] geoCounts = new int[SyntheticCorpus.GEOS.size()];
    for (int slot = 0; slot < ITEMS; slot++) {
      geoCounts[corpus.geo[slot]]++;
      int skills = corpus.skillStart[slot + 1] - corpus.skillStart[slot];
      assertTrue(skills >= 1 && skills <= SyntheticCorpus.MAX_SKILLS, "skills of " + slot);
      assertTrue(corpus.company[slot] >= 1 && corpus.company[slot] <= SyntheticCorpus.COMPANIES);
      assertTrue(
          corpus.postedAt[slot] <= SyntheticCorpus.NOW
              && corpus.postedAt[slot] > SyntheticCorpus.NOW - SyntheticCorpus.DAYS * 86_400L);
    }
    double us = (double) geoCounts[0] / ITEMS;
    assertTrue(us > 0.25 && us < 0.35, "share of us " + us);
    assertTrue(geoCounts[0] > geoCounts[1] && geoCounts[1] > geoCounts[10]);
  }

  /** Each item's attributes as the filter evaluator takes them, read with Gson. */
  private static List<Map<String, List<Object>>> readItems(Path jsonl) throws IOException {
    List<Map<String, List<Object>>> out = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      JsonObject attributes =
          JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("attributes");
      Map<String, List<Object>> m = new HashMap<>();
      for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
        List<Object> values = new ArrayList<>();
        if (e.getValue().isJsonArray()) {
          e.getValue().getAsJsonArray().forEach(v -> values.add(value(v)));
        } else {
          values.add(value(e.getValue()));
        }
        m.put(e.getKey(), values);
      }
      out.add(m);
    }
    return out;
  }

  private static Object value(JsonElement v) {
    return v.getAsJsonPrimitive().isNumber() ? (Object) v.getAsLong() : v.getAsString();
  }
}
