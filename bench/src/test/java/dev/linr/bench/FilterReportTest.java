package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterReportTest {
  @Test
  void throughputTableShowsOneAndTwoCallersAndDashesForFiguresARunLacks() {
    String table = Report.filterTable(result(true));
    assertTrue(
        table.contains(
            "| 1% | 120 / 210 | 130 / 220 | 700 / 1,300 | 9,836 / 17,250 |"
                + " 1,064 / 1,900 | 838 / - | 704 |"),
        table);
    assertTrue(table.contains("| 1% | 2,000 | 11.62 | 2.17 | 1.27 (indexed) | 2.28 |"), table);
  }

  @Test
  void goalTableGivesEachFormsMedianRatioAndRangeWithVerdictsUpToOnePercent() {
    JsonObject r = result(false);
    r.addProperty("rounds", 3);
    JsonArray rates = r.getAsJsonArray("rates");
    JsonObject tenPercent = rate("10%", 0.1, 20000, false);
    rates.add(tenPercent);
    for (var e : rates) {
      JsonObject o = e.getAsJsonObject();
      JsonArray linrRounds = new JsonArray();
      JsonArray luceneRounds = new JsonArray();
      // Lucene's two-thread figure moves between rounds; linr's figures stay.
      for (double luceneQps : new double[] {704, 1408, 352}) {
        linrRounds.add(o.getAsJsonObject("linr"));
        JsonObject lucene = o.getAsJsonObject("lucene").deepCopy();
        lucene.addProperty("qps_2_threads", luceneQps);
        luceneRounds.add(lucene);
      }
      JsonObject vs = new JsonObject();
      for (FilterGoal form : FilterGoal.values()) {
        vs.add(
            form.name().toLowerCase(java.util.Locale.ROOT), form.ratios(linrRounds, luceneRounds));
      }
      o.add("vs_lucene", vs);
    }
    String table = Report.filterTable(r);
    // Shared B=32: 17,250 q/s against 704, 1,408 and 352; B=1 latency: 2.28 ms against 1.27.
    assertTrue(
        table.contains(
            "| 1% | met, 24.50x (12.25-49.01) | met, 2.70x (1.35-5.40) |"
                + " met, 2.13x (1.07-4.26) | met, 1.85x (0.92-3.69) | met, 1.80x (1.80-1.80) |"),
        table);
    assertTrue(table.contains("| 10% | 24.50x (12.25-49.01) |"), table);
    assertTrue(table.contains("each ratio taken within one of 3 alternating rounds"), table);
  }

  @Test
  void resultsWithoutRoundsHaveNoGoalTable() {
    assertTrue(!Report.filterTable(result(false)).contains("alternating rounds"));
  }

  @Test
  void floorTablePutsBothB1SearchesAgainstTheFloorWhereTheGoalApplies() {
    JsonObject r = result(false);
    new ModelCallFloor.Floor(28.0, 1.0).write(r);
    JsonArray rates = r.getAsJsonArray("rates");
    rates.get(1).getAsJsonObject().getAsJsonObject("lucene").addProperty("b1_ms", 0.014);
    rates.add(rate("10%", 0.1, 20000, false));
    String table = Report.filterTable(r);
    assertTrue(
        table.contains("took 28.0 us, and each small libtorch operator 1.00 us more"), table);
    assertTrue(table.contains("| 1% | 1270 | 1242 | 2280 | 81.43x the floor |"), table);
    assertTrue(table.contains("| 0.1% | 1270 | 1242 | 14 | 0.50x the floor: below it |"), table);
    assertFalse(table.contains("| 10% | 1270 |"), table);
  }

  @Test
  void resultsWithoutTheFloorHaveNoFloorTable() {
    assertFalse(Report.filterTable(result(false)).contains("the floor"));
  }

  @Test
  void b1ChartDrawsTheCeilingOfAModelCallOnlyWhereTheRunMeasuredTheFloor(@TempDir Path dir)
      throws Exception {
    JsonObject r = result(false);
    Path without = dir.resolve("without.png");
    FilterChart.write(r, without);
    new ModelCallFloor.Floor(28.0, 1.0).write(r);
    Path with = dir.resolve("with.png");
    FilterChart.write(r, with);
    assertEquals(0, ceilingRows(ImageIO.read(without.toFile())));
    assertEquals(1, ceilingRows(ImageIO.read(with.toFile())));
  }

  /** Rows of the image with more than 200 pixels of the ceiling line's grey. */
  private static int ceilingRows(BufferedImage img) {
    int rows = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      int grey = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0x5A5A5A) {
          grey++;
        }
      }
      if (grey > 200) {
        rows++;
      }
    }
    return rows;
  }

  @Test
  void throughputChartIsAPngOfEverySeries(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("t.png");
    FilterChart.writeThroughput(result(false), png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(960, img.getWidth());
    assertEquals(600, img.getHeight());
  }

  /** A filter run's result at two pass rates; {@code older}: one concurrent figure missing. */
  private static JsonObject result(boolean older) {
    JsonObject r = new JsonObject();
    r.addProperty("items", 200_000);
    r.addProperty("dim", 128);
    r.addProperty("queries", 100);
    r.addProperty("machine", "test machine");
    JsonArray rates = new JsonArray();
    rates.add(rate("1%", 0.01, 2000, older));
    rates.add(rate("0.1%", 0.001, 200, false));
    r.add("rates", rates);
    JsonObject post = new JsonObject();
    post.addProperty("k100", 1.0);
    post.addProperty("k1000", 2.0);
    r.add("postfilter_b1_ms", post);
    r.addProperty("linr_build_s", 5.0);
    r.addProperty("lucene_m", 16);
    r.addProperty("lucene_beam_width", 100);
    r.addProperty("lucene_build_s", 60.0);
    r.addProperty("lucene_segments", 1);
    r.addProperty("lucene_note", "Lucene.");
    r.addProperty("load_average_start", 1.0);
    r.addProperty("load_average_end", 1.5);
    return r;
  }

  private static JsonObject rate(String label, double passRate, long matched, boolean older) {
    JsonObject o = new JsonObject();
    o.addProperty("label", label);
    o.addProperty("pass_rate", passRate);
    o.addProperty("matched", matched);
    JsonObject linr = new JsonObject();
    linr.add("masked", path(11.62, 120, 210));
    linr.add("compact", path(2.17, 130, 220));
    JsonObject auto = path(1.27, 9836, 17250);
    auto.addProperty("b1_ran", "indexed");
    auto.addProperty("b1_qps_2_callers", 1300);
    auto.addProperty("b1_qps", 700);
    linr.add("auto", auto);
    linr.addProperty("own_filters_b32_qps", 1064);
    linr.addProperty("own_filters_b32_qps_2_callers", 1900);
    linr.addProperty("own_filters_b128_qps", 838);
    if (!older) {
      linr.addProperty("own_filters_b128_qps_2_callers", 1500);
    }
    o.add("linr", linr);
    JsonObject lucene = new JsonObject();
    lucene.addProperty("b1_ms", 2.28);
    lucene.addProperty("b1_qps", 1000 / 2.28);
    lucene.addProperty("qps_2_threads", 704);
    lucene.addProperty("recall_at_10", 1.0);
    o.add("lucene", lucene);
    o.addProperty("paths_agree", true);
    o.addProperty("brute_force_agrees", 5);
    o.addProperty("brute_force_checked", 5);
    JsonObject post = new JsonObject();
    post.addProperty("k100_recall", 0.5);
    post.addProperty("k1000_recall", 0.9);
    o.add("postfilter", post);
    return o;
  }

  private static JsonObject path(double b1Ms, double b32, double b32Concurrent) {
    JsonObject p = new JsonObject();
    p.addProperty("b1_ms", b1Ms);
    p.addProperty("b1_qps", 1000 / b1Ms);
    p.addProperty("b32_qps", b32);
    p.addProperty("b32_qps_2_callers", b32Concurrent);
    return p;
  }
}
