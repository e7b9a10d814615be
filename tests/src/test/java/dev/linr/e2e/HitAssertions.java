package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.query.Hit;
import dev.linr.query.SearchResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares engine hits with the brute-force reference.
 *
 * <p>With {@code tolerance} 0 (data whose float32 arithmetic is exact) ids, order and scores must
 * match exactly. Otherwise each returned item's reference score must be within the tolerance of the
 * expected score at that position (so only float32 near-ties may swap), and its returned score
 * within the tolerance of its reference score.
 */
final class HitAssertions {
  private HitAssertions() {}

  static void assertSameHits(
      BruteForce reference,
      float[] query,
      BruteForce.Answer expected,
      SearchResponse actual,
      double tolerance,
      String context) {
    assertEquals(expected.matched(), actual.matched(), context + ": matched");
    List<BruteForce.Expected> want = expected.hits();
    List<Hit> got = actual.hits();
    assertEquals(want.size(), got.size(), context + ": number of hits");
    Set<Object> seen = new HashSet<>();
    for (int j = 0; j < want.size(); j++) {
      BruteForce.Expected w = want.get(j);
      Hit h = got.get(j);
      String at = context + ": hit " + j + " expected " + w + " got " + h;
      assertTrue(seen.add(h.id()), context + ": id " + h.id() + " returned twice");
      if (tolerance == 0) {
        assertEquals(w.id(), h.id(), at);
        assertTrue((float) w.score() == h.score(), at + ": score"); // 0.0 equals -0.0
        continue;
      }
      double bound = tolerance * Math.max(1, Math.abs(w.score()));
      double truth = reference.score(query, reference.slotOf(h.id()));
      assertTrue(Math.abs(truth - w.score()) <= bound, at + ": not a near-tie");
      assertEquals(truth, h.score(), bound, at + ": score");
    }
  }
}
