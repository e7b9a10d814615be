package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterCaseTest {
  /** How many bucket values the filter passes, by the filter language's own evaluator. */
  private static int passingBuckets(String filter) {
    Filter parsed = FilterParser.parse(filter);
    int passing = 0;
    for (int b = 0; b < FilterCase.BUCKETS; b++) {
      if (FilterEvaluator.matches(parsed, Map.of("bucket", List.<Object>of((long) b)))) {
        passing++;
      }
    }
    return passing;
  }

  @Test
  void everyQuerysOwnFilterPassesExactlyTheCasesShare() {
    for (FilterCase c : FilterCase.ALL) {
      for (int query : new int[] {0, 1, 31, 63, 1000}) {
        assertEquals(c.threshold(), passingBuckets(c.filterFor(query)), c.filterFor(query));
      }
    }
  }

  @Test
  void aBatchOfOwnFiltersHoldsAsManyDifferentFiltersAsQueries() {
    for (FilterCase c : FilterCase.ALL) {
      if (c.passRate() == 1.0) {
        continue; // every bucket passes: there is only one such filter
      }
      Set<String> filters = new HashSet<>();
      for (int query = 0; query < 32; query++) {
        filters.add(c.filterFor(query));
      }
      assertTrue(filters.size() == 32, c.label() + ": " + filters);
    }
  }
}
