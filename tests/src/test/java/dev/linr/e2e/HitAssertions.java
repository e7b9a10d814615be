package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
public final class HitAssertions {
  private HitAssertions() {}

  public static void assertSameHits(
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

  /**
   * Every matching item returned ({@code k} at least the matches), with exact scores in the
   * reference's order; items with equal scores may come in any order. For indexes whose slot choice
   * (the tie order) depends on concurrent searches.
   */
  public static void assertSameHitsAnyTieOrder(
      BruteForce.Answer expected, SearchResponse actual, String context) {
    assertEquals(expected.matched(), actual.matched(), context + ": matched");
    List<BruteForce.Expected> want = expected.hits();
    List<Hit> got = actual.hits();
    assertEquals(want.size(), got.size(), context + ": number of hits");
    assertEquals(want.size(), actual.matched(), context + ": every match returned");
    Set<Object> seen = new HashSet<>();
    int run = 0;
    while (run < want.size()) {
      float score = (float) want.get(run).score();
      Set<Object> wantIds = new HashSet<>();
      Set<Object> gotIds = new HashSet<>();
      int end = run;
      for (; end < want.size() && (float) want.get(end).score() == score; end++) {
        Hit h = got.get(end);
        String at = context + ": hit " + end + " expected score " + score + " got " + h;
        assertTrue(seen.add(h.id()), context + ": id " + h.id() + " returned twice");
        assertTrue(score == h.score(), at + ": score"); // 0.0 equals -0.0
        wantIds.add(want.get(end).id());
        gotIds.add(h.id());
      }
      assertEquals(wantIds, gotIds, context + ": ids scoring " + score);
      run = end;
    }
  }

  /**
   * A stock PyTorch row against the brute force, with the rules of {@link #assertSameHits} plus:
   * each returned slot holds the returned id, and (when {@code pass} is given) passes the filter.
   * Messages are built only on failure, since these checks run over many thousands of hits.
   */
  static void assertRowMatchesReference(
      BruteForce reference,
      float[] q,
      BruteForce.Answer expected,
      java.util.BitSet pass,
      TorchPeer.Row row,
      double tolerance,
      String context) {
    assertEquals(expected.matched(), row.matched(), () -> context + ": matched");
    List<BruteForce.Expected> want = expected.hits();
    assertEquals(want.size(), row.size(), () -> context + ": number of hits");
    Set<Long> seen = new HashSet<>();
    for (int j = 0; j < want.size(); j++) {
      BruteForce.Expected w = want.get(j);
      long id = row.ids()[j];
      float score = row.scores()[j];
      int at = j;
      java.util.function.Supplier<String> where =
          () -> context + ": hit " + at + " expected " + w + " got id " + id + " score " + score;
      if (!seen.add(id)) {
        fail(where.get() + ": id returned twice");
      }
      int slot = reference.slotOf(id);
      if (row.slots()[j] != slot) {
        fail(where.get() + ": slot " + row.slots()[j] + " but the id is in slot " + slot);
      }
      if (pass != null && !pass.get(slot)) {
        fail(where.get() + ": the item fails the filter");
      }
      if (tolerance == 0) {
        if (!w.id().equals(id) || (float) w.score() != score) { // 0.0 equals -0.0
          fail(where.get());
        }
        continue;
      }
      double bound = tolerance * Math.max(1, Math.abs(w.score()));
      double truth = reference.score(q, slot);
      if (Math.abs(truth - w.score()) > bound) {
        fail(where.get() + ": not a near-tie (reference score " + truth + ")");
      }
      if (Math.abs(truth - score) > bound) {
        fail(where.get() + ": score, reference " + truth);
      }
    }
  }
}
