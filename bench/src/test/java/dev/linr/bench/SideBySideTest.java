package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  @Test
  void roundsAlternateWhichEngineGoesFirst() throws Exception {
    List<String> order = new ArrayList<>();
    JsonObject out =
        SideBySide.alternate(
            4, () -> figure(order, "a", order.size()), () -> figure(order, "b", order.size()));
    assertEquals(List.of("a", "b", "b", "a", "a", "b", "b", "a"), order);
    // Each engine's rounds in round order, whatever went first: a ran at steps 0, 3, 4, 7.
    assertEquals(List.of(0.0, 3.0, 4.0, 7.0), values(out.getAsJsonArray("first"), "x"));
    assertEquals(List.of(1.0, 2.0, 5.0, 6.0), values(out.getAsJsonArray("second"), "x"));
  }

  @Test
  void noRoundsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SideBySide.alternate(0, JsonObject::new, JsonObject::new));
  }

  @Test
  void medianTakesEveryNumberOverTheRoundsKeepingNestingAndNames() {
    JsonArray rounds = new JsonArray();
    rounds.add(round(5, 10, "indexed"));
    rounds.add(round(1, 30, "indexed"));
    rounds.add(round(3, 20, "masked"));
    JsonObject m = SideBySide.median(rounds);
    assertEquals(3.0, m.get("qps").getAsDouble());
    assertEquals(20.0, m.getAsJsonObject("auto").get("b1_ms").getAsDouble());
    assertEquals("indexed", m.getAsJsonObject("auto").get("ran").getAsString());
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Timing.median(new double[] {4, 1, 2, 3}));
    assertEquals(7.0, Timing.median(new double[] {7}));
    assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
  }

  private static JsonObject figure(List<String> order, String engine, int step) {
    order.add(engine);
    JsonObject o = new JsonObject();
    o.addProperty("x", step);
    return o;
  }

  private static List<Double> values(JsonArray rounds, String key) {
    List<Double> out = new ArrayList<>();
    rounds.forEach(r -> out.add(r.getAsJsonObject().get(key).getAsDouble()));
    return out;
  }

  private static JsonObject round(double qps, double b1Ms, String ran) {
    JsonObject auto = new JsonObject();
    auto.addProperty("b1_ms", b1Ms);
    auto.addProperty("ran", ran);
    JsonObject o = new JsonObject();
    o.addProperty("qps", qps);
    o.add("auto", auto);
    return o;
  }
}
