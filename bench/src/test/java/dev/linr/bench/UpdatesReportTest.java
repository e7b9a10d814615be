package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class UpdatesReportTest {
  @Test
  void theGoalIsMetWhenP99RisesUnder5PercentAtTheFullRate() {
    String goal = UpdatesReport.goal(results(10_000, 100.0, 104.0));
    assertTrue(goal.contains("**met**, +4.0%"), goal);
  }

  @Test
  void theGoalIsMissedWhenP99RisesBy5PercentOrMore() {
    String goal = UpdatesReport.goal(results(10_000, 100.0, 105.0));
    assertTrue(goal.contains("**missed**, +5.0%"), goal);
  }

  @Test
  void theGoalIsNotShownWhenTheUpdaterFellShortOfTheRate() {
    String goal = UpdatesReport.goal(results(9_000, 100.0, 90.0));
    assertTrue(goal.contains("**not shown**"), goal);
    assertTrue(goal.contains("9,000 updates/s achieved"), goal);
  }

  @Test
  void theAnswersOfEveryCellAndOfTheRestartsAreChecked() {
    JsonObject r = results(10_000, 100.0, 100.0);
    assertNull(UpdatesReport.disagreement(r));
    JsonObject restartAnswers = r.getAsJsonObject("restart").getAsJsonObject("answers");
    restartAnswers.addProperty("agreed", 47);
    restartAnswers.addProperty("first_mismatch", "query 3: hit 0 is id 9, expected 8");
    assertEquals(
        "reopened index: 1 of 48 disagree, first query 3: hit 0 is id 9, expected 8",
        UpdatesReport.disagreement(r));
  }

  /** A baseline cell of p99 {@code baseP99} and a 10,000/s cell achieving {@code achieved}. */
  private static JsonObject results(double achieved, double baseP99, double p99) {
    JsonArray cells = new JsonArray();
    cells.add(cell(0, 0, baseP99 / baseP99, baseP99));
    cells.add(cell(10_000, achieved, p99 / baseP99, p99));
    JsonObject r = new JsonObject();
    r.add("cells", cells);
    r.addProperty("baseline_query_p99_ms", baseP99);
    JsonObject restart = new JsonObject();
    restart.add("answers", answers(48));
    r.add("restart", restart);
    JsonObject served = new JsonObject();
    served.add("answers", answers(16));
    r.add("server_restart", served);
    return r;
  }

  private static JsonObject cell(int target, double achieved, double ratio, double p99) {
    JsonObject c = new JsonObject();
    c.addProperty("load", "rate");
    c.addProperty("target_updates_per_s", target);
    c.addProperty("achieved_updates_per_s", achieved);
    c.addProperty("query_p99_ratio", ratio);
    JsonObject q = new JsonObject();
    q.addProperty("p99_ms", p99);
    q.add("answers", answers(20));
    c.add("queries", q);
    return c;
  }

  private static JsonObject answers(long n) {
    JsonObject a = new JsonObject();
    a.addProperty("checked", n);
    a.addProperty("agreed", n);
    return a;
  }
}
