package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index benchmark's chart of each engine's share of the hardware limits. */
class IndexChartTest {
  /** linr at 40% of the bandwidth and 80% of the matmul rate; the brute force at B=1 only. */
  private static JsonObject result() {
    JsonObject r = new JsonObject();
    r.addProperty("items", 1_000_000);
    r.addProperty("dim", 128);
    r.addProperty("dtype", "float32");
    r.addProperty("linr_b1_ms", 20.0);
    r.addProperty("linr_b1_fraction_of_bandwidth", 0.4);
    r.addProperty("linr_b32_ms", 150.0);
    r.addProperty("linr_b32_fraction_of_matmul", 0.8);
    r.addProperty("java_b1_ms", 40.0);
    r.addProperty("java_b1_fraction_of_bandwidth", 0.2);
    return r;
  }

  @Test
  void barsAreTheEnginesTheRunTimed() {
    List<IndexChart.Bar> b1 = IndexChart.bars(result(), IndexChart.LIMITS.get(0));
    assertEquals(List.of("linr", "java"), b1.stream().map(b -> b.engine().key()).toList());
    assertEquals(0.4, b1.get(0).fraction());
    assertEquals(40.0, b1.get(1).ms());
    List<IndexChart.Bar> b32 = IndexChart.bars(result(), IndexChart.LIMITS.get(1));
    assertEquals(List.of("linr"), b32.stream().map(b -> b.engine().key()).toList());
  }

  @Test
  void barsGrowWithTheShareOfTheLimit(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("index.png");
    IndexChart.write(result(), png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(IndexChart.WIDTH, img.getWidth());
    assertEquals(
        IndexChart.TOP + IndexChart.BOTTOM + IndexChart.LIMITS.size() * IndexChart.ROW,
        img.getHeight());
    Color linr = IndexChart.ENGINES.get(0).color();
    int b1 = colouredWidth(img, 0, linr);
    int b32 = colouredWidth(img, 1, linr);
    // Twice the share, twice the bar (to a pixel of rounding).
    assertTrue(b1 > 0 && Math.abs(b32 - 2 * b1) <= 2, "linr bars: " + b1 + " and " + b32);
    assertEquals(IndexChart.px(0.4, 1.0) - IndexChart.LEFT, b1);
    assertTrue(colouredWidth(img, 1, IndexChart.ENGINES.get(2).color()) == 0, "no B=32 java bar");
  }

  /** The longest run of a colour in row band {@code row}. */
  private static int colouredWidth(BufferedImage img, int row, Color color) {
    int best = 0;
    int top = IndexChart.TOP + row * IndexChart.ROW;
    for (int y = top; y < top + IndexChart.ROW; y++) {
      int run = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        run = img.getRGB(x, y) == color.getRGB() ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }
}
