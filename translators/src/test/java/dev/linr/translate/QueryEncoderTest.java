package dev.linr.translate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.query.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEncoderTest {
  private static SearchRequest query(String filter) {
    SearchRequest.Builder b = SearchRequest.builder().setVector(new float[] {1, 2}).optK(3);
    if (filter != null) {
      b.optFilter(filter);
    }
    return b.build();
  }

  private static List<SearchRequest> batch(String... filters) {
    List<SearchRequest> out = new ArrayList<>();
    for (String f : filters) {
      out.add(query(f));
    }
    return out;
  }

  @Test
  void aFilterEveryQueryHasGoesOnceToModelsThatTakeIt() {
    assertTrue(QueryEncoder.sendsOneProgram(batch("a = 1", "a = 1", "a = 1"), 4));
    assertTrue(QueryEncoder.sendsOneProgram(batch("a = 1", "a = 1"), 5));
  }

  @Test
  void olderModelsGetAProgramPerQuery() {
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1", "a = 1"), 3));
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1", "a = 1"), 2));
  }

  @Test
  void aSingleQueryOrDifferentFiltersGetAProgramPerQuery() {
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1"), 4));
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1", "a = 2"), 4));
    // The same filter written differently is not recognised: it is sent per query, still exact.
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1", "a=1"), 4));
    assertFalse(QueryEncoder.sendsOneProgram(batch("a = 1", null), 4));
    assertFalse(QueryEncoder.sendsOneProgram(batch(null, "a = 1"), 4));
    assertFalse(QueryEncoder.sendsOneProgram(batch(null, null), 4));
  }
}
