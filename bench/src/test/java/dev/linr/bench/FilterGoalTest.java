package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class FilterGoalTest {
  @Test
  void throughputIsLinrOverLuceneAndLatencyLuceneOverLinr() {
    JsonObject linr = linr(2.0, 3000, 500, 250, 1000);
    JsonObject lucene = lucene(1.0, 1000);
    assertEquals(3.0, FilterGoal.SHARED_B32.ratio(linr, lucene), 1e-12);
    assertEquals(0.5, FilterGoal.OWN_B32.ratio(linr, lucene), 1e-12);
    assertEquals(0.25, FilterGoal.OWN_B128.ratio(linr, lucene), 1e-12);
    assertEquals(1.0, FilterGoal.ONE_AT_A_TIME.ratio(linr, lucene), 1e-12);
    // linr takes 2 ms where Lucene takes 1: half as fast.
    assertEquals(0.5, FilterGoal.B1_LATENCY.ratio(linr, lucene), 1e-12);
  }

  @Test
  void ratiosArePerRoundWithTheirMedian() {
    JsonArray linrRounds = new JsonArray();
    JsonArray luceneRounds = new JsonArray();
    double[] luceneQps = {1000, 4000, 2000};
    for (double qps : luceneQps) {
      linrRounds.add(linr(1.0, 2000, 0, 0, 0));
      luceneRounds.add(lucene(1.0, qps));
    }
    JsonObject r = FilterGoal.SHARED_B32.ratios(linrRounds, luceneRounds);
    assertEquals(1.0, r.get("median").getAsDouble(), 1e-12);
    assertEquals(2.0, r.getAsJsonArray("per_round").get(0).getAsDouble(), 1e-12);
    assertEquals(0.5, r.getAsJsonArray("per_round").get(1).getAsDouble(), 1e-12);
  }

  @Test
  void aMissingFigureIsNamed() {
    JsonObject linr = new JsonObject();
    linr.add("auto", new JsonObject());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FilterGoal.SHARED_B32.ratio(linr, lucene(1.0, 1.0)));
    assertTrue(e.getMessage().contains("auto.b32_qps_2_callers"), e.getMessage());
  }

  @Test
  void theGoalAppliesUpToOnePercent() {
    assertTrue(FilterGoal.applies(0.01));
    assertTrue(FilterGoal.applies(0.0001));
    assertFalse(FilterGoal.applies(0.1));
  }

  private static JsonObject linr(
      double b1Ms, double sharedB32, double ownB32, double ownB128, double oneAtATime) {
    JsonObject auto = new JsonObject();
    auto.addProperty("b1_ms", b1Ms);
    auto.addProperty("b32_qps_2_callers", sharedB32);
    auto.addProperty("b1_qps_2_callers", oneAtATime);
    JsonObject o = new JsonObject();
    o.add("auto", auto);
    o.addProperty("own_filters_b32_qps_2_callers", ownB32);
    o.addProperty("own_filters_b128_qps_2_callers", ownB128);
    return o;
  }

  private static JsonObject lucene(double b1Ms, double qps) {
    JsonObject o = new JsonObject();
    o.addProperty("b1_ms", b1Ms);
    o.addProperty("qps_2_threads", qps);
    return o;
  }
}
