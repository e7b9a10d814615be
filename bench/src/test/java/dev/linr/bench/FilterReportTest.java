package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
