package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class QuickBenchFloorTest {
  @Test
  void theFloorLineCountsEachRatesB1SearchBeyondTheFloorInSmallOperators() {
    JsonObject filtered = new JsonObject();
    new ModelCallFloor.Floor(28.0, 2.0).write(filtered);
    JsonArray rates = new JsonArray();
    rates.add(rate("1%", 0.33));
    rates.add(rate("0.1%", 0.2));
    filtered.add("rates", rates);
    StringBuilder sb = new StringBuilder();
    QuickBench.floorLine(sb, filtered);
    assertEquals(
        "\nThe floor of an answer through a model: an empty model call through DJL 28.0 us, a small"
            + " libtorch operator 2.00 us more; linr's B=1 search beyond the floor, in small"
            + " operators: 151 at 1%, 86 at 0.1%.\n",
        sb.toString());
  }

  @Test
  void resultsWithoutTheFloorGetNoFloorLine() {
    JsonObject filtered = new JsonObject();
    filtered.add("rates", new JsonArray());
    StringBuilder sb = new StringBuilder();
    QuickBench.floorLine(sb, filtered);
    assertEquals("", sb.toString());
  }

  private static JsonObject rate(String label, double b1Ms) {
    JsonObject linr = new JsonObject();
    linr.addProperty("b1_ms", b1Ms);
    JsonObject o = new JsonObject();
    o.addProperty("label", label);
    o.add("linr", linr);
    return o;
  }
}
