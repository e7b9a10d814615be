package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.query.Hit;
import dev.linr.query.SearchResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {
  private static final SearchResponse REFERENCE =
      new SearchResponse(List.of(Hit.of(7, 10.0f), Hit.of(3, 9.5f)), 100);

  @Test
  void anAnswerWithTheSameIdsAndScoresWithinToleranceAgrees() {
    AnswerCheck check = new AnswerCheck(List.of(REFERENCE));
    check.index(
        0,
        "{\"hits\": [{\"id\": 7, \"score\": 10.00005}, {\"id\": 3, \"score\": 9.5}],"
            + " \"matched\": 100}");
    assertEquals(1, check.checked());
    assertEquals(1, check.agreed());
    assertNull(check.firstMismatch());
  }

  @Test
  void swappedIdsDisagreeNamingTheQueryAndTheHit() {
    AnswerCheck check = new AnswerCheck(List.of(REFERENCE));
    check.index(
        0,
        "{\"hits\": [{\"id\": 3, \"score\": 10.0}, {\"id\": 7, \"score\": 9.5}], \"matched\": 100}");
    assertEquals(1, check.checked());
    assertEquals(0, check.agreed());
    assertEquals("query 0: hit 0 is id 3, expected 7", check.firstMismatch());
  }

  @Test
  void aScoreBeyondToleranceDisagrees() {
    AnswerCheck check = new AnswerCheck(List.of(REFERENCE));
    check.index(
        0,
        "{\"hits\": [{\"id\": 7, \"score\": 10.001}, {\"id\": 3, \"score\": 9.5}],"
            + " \"matched\": 100}");
    assertEquals(0, check.agreed());
    assertTrue(check.firstMismatch().startsWith("query 0: hit 0 scores 10.001"));
  }

  @Test
  void answersToQueriesWithoutReferenceAreNotChecked() {
    AnswerCheck check = new AnswerCheck(List.of(REFERENCE));
    check.index(1, "not even JSON");
    assertEquals(0, check.checked());
  }

  @Test
  void aFreshCheckKeepsTheReferencesAndStartsCountingAgain() {
    AnswerCheck check = new AnswerCheck(List.of(REFERENCE));
    check.index(0, "{\"hits\": [], \"matched\": 0}");
    AnswerCheck fresh = check.fresh();
    assertEquals(0, fresh.checked());
    fresh.index(0, "{\"hits\": [], \"matched\": 0}");
    assertEquals("query 0: 2 hits expected, got 0", fresh.firstMismatch());
  }

  @Test
  void rankedAnswersCompareIdsRankerScoresAndRetrievalScores() {
    String a =
        "{\"hits\": [{\"id\": 5, \"score\": 1.25, \"retrievalScore\": 0.5},"
            + " {\"id\": 9, \"score\": 1.0, \"retrievalScore\": 0.75}]}";
    String close =
        "{\"hits\": [{\"id\": 5, \"score\": 1.25005, \"retrievalScore\": 0.5},"
            + " {\"id\": 9, \"score\": 1.0, \"retrievalScore\": 0.75}]}";
    String otherRetrieval =
        "{\"hits\": [{\"id\": 5, \"score\": 1.25, \"retrievalScore\": 0.5},"
            + " {\"id\": 9, \"score\": 1.0, \"retrievalScore\": 0.8}]}";
    assertNull(AnswerCheck.rankedMismatch(a, close));
    assertEquals(
        "hit 1 retrievalScore 0.8, expected 0.75", AnswerCheck.rankedMismatch(a, otherRetrieval));
    AnswerCheck check = new AnswerCheck(List.of());
    check.ranked(3, otherRetrieval, a);
    assertEquals(1, check.checked());
    assertEquals(0, check.agreed());
    assertEquals("query 3: hit 1 retrievalScore 0.8, expected 0.75", check.firstMismatch());
  }
}
