package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.rank.RankedHit;
import java.util.List;

/** Compares ranked hits of the fused model with the reference's. */
final class RankedHitAssertions {
  private RankedHitAssertions() {}

  /**
   * Same ids in the same order, same attributes, retrieval scores equal, ranker scores equal
   * ({@code tolerance} 0: exactly, 0.0 equal to -0.0) or within {@code tolerance} relative.
   */
  static void assertSameRanking(
      List<RankedHit> expected, List<RankedHit> actual, double tolerance, String context) {
    assertEquals(ids(expected), ids(actual), context + ": ids in order");
    for (int j = 0; j < expected.size(); j++) {
      RankedHit w = expected.get(j);
      RankedHit g = actual.get(j);
      String at = context + ": hit " + j + " expected " + w + " got " + g;
      assertTrue(w.retrievalScore() == g.retrievalScore(), at + ": retrieval score");
      if (tolerance == 0) {
        assertTrue(w.score() == g.score(), at + ": ranker score");
      } else {
        assertEquals(
            w.score(), g.score(), tolerance * Math.max(1, Math.abs(w.score())), at + ": score");
      }
      assertEquals(w.attributes(), g.attributes(), at + ": attributes");
    }
  }

  static List<Object> ids(List<RankedHit> hits) {
    return hits.stream().map(RankedHit::id).toList();
  }

  /** Whether two neighbouring hits have the same ranker score. */
  static boolean hasTie(List<RankedHit> hits) {
    for (int j = 1; j < hits.size(); j++) {
      if (hits.get(j - 1).score() == hits.get(j).score()) {
        return true;
      }
    }
    return false;
  }
}
