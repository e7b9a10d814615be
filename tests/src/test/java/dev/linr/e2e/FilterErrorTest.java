package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.BuildResult;
import dev.linr.query.RequestParseException;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad filters through the serving translator: each a request error naming the field and saying what
 * and where, and the index keeps answering afterwards.
 */
class FilterErrorTest {
  @TempDir static Path dir;
  private static LinrIndex index;

  @BeforeAll
  static void build() throws Exception {
    BuildResult built =
        Indexes.build(FilterCorpus.create(3, 200, 4), dir, Metric.DOT, StorageType.FLOAT32);
    index = LinrIndex.open(built.folder());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static RequestParseException fails(String filter) {
    String request =
        "{\"vector\": [1, 0, 0, 0], \"k\": 3, \"filter\": \""
            + filter.replace("\"", "\\\"")
            + "\"}";
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> index.searchJson(request));
    assertEquals("filter", e.field(), e.getMessage());
    return e;
  }

  @Test
  void syntaxErrorSaysWhereAndWhatWasExpected() {
    String m = fails("geo = 'us' AND AND company = 1001").getMessage();
    assertTrue(m.contains("position 15"), m);
    assertTrue(m.contains("expected"), m);
  }

  @Test
  void unknownAttributeListsTheKnownOnes() {
    String m = fails("goe = 'us'").getMessage();
    assertTrue(m.contains("unknown attribute 'goe'"), m);
    assertTrue(m.contains("geo"), m);
  }

  @Test
  void typeMismatchNamesAttributeAndValue() {
    String m = fails("posted_at = 'abc'").getMessage();
    assertTrue(m.contains("posted_at") && m.contains("'abc'"), m);
  }

  @Test
  void emptyInListIsRefused() {
    String m = fails("geo IN ()").getMessage();
    assertTrue(m.contains("at least one value"), m);
  }

  @Test
  void unbalancedParenthesesAreRefusedEitherWay() {
    assertTrue(fails("(geo = 'us'").getMessage().contains("position"));
    assertTrue(fails("geo = 'us')").getMessage().contains("position"));
  }

  @Test
  void rangeOnAStringAttributeIsRefused() {
    String m = fails("geo > 'm'").getMessage();
    assertTrue(m.contains("expected a number"), m);
    m = fails("geo BETWEEN 1 AND 2").getMessage();
    assertTrue(m.contains("geo"), m);
  }

  @Test
  void aBadFilterInABatchNamesItsQuery() {
    String request =
        "{\"queries\": [{\"vector\": [1, 0, 0, 0]},"
            + " {\"vector\": [0, 1, 0, 0], \"filter\": \"nope = 1\"}]}";
    RequestParseException e =
        assertThrows(RequestParseException.class, () -> index.searchJson(request));
    assertEquals("queries[1].filter", e.field());
  }

  @Test
  void theIndexKeepsAnsweringAfterBadFilters() {
    fails("geo = ");
    String ok = index.searchJson("{\"vector\": [1, 0, 0, 0], \"k\": 2, \"filter\": \"rank < 5\"}");
    assertTrue(ok.contains("\"matched\":5"), ok);
  }
}
