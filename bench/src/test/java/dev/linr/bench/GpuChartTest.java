package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU results chart, from a result file of the shape gpu_bench.py writes. */
class GpuChartTest {
  private static final String RESULT =
      """
      {"device_name": "NVIDIA H200", "items": 10000000, "dim": 128, "k": 100, "cases": [
        {"dtype": "float16", "batch": 1, "pass_rate": 1.0, "per_query": false,
         "plain": {"qps": 1000.0}, "compare": {"qps": 500.0}, "linr": {"qps": 800.0}},
        {"dtype": "float16", "batch": 256, "pass_rate": 0.01, "per_query": true,
         "plain": {"qps": 5000.0}, "compare": {"qps": 2500.0}, "linr": {"qps": 100000.0}},
        {"dtype": "float16", "batch": 256, "pass_rate": 0.25, "per_query": false,
         "skipped": "needs ~41 GB"},
        {"dtype": "bfloat16", "batch": 32, "pass_rate": 0.25, "per_query": false,
         "plain": {"qps": 4000.0}, "linr": {"qps": 6000.0}}
      ]}
      """;

  private static JsonObject result() {
    return JsonParser.parseString(RESULT).getAsJsonObject();
  }

  @Test
  void groupsAreTheCompletedCasesOfOneStorageType() {
    List<GpuChart.Group> groups = GpuChart.groups(result(), "float16");
    assertEquals(2, groups.size());
    assertEquals(new GpuChart.Group("B=1, no filter", 1000, 500, 800), groups.get(0));
    assertEquals(new GpuChart.Group("B=256, 1% each", 5000, 2500, 100000), groups.get(1));
    GpuChart.Group bf16 = GpuChart.groups(result(), "bfloat16").get(0);
    assertEquals("B=32, 25% shared", bf16.label());
    assertTrue(Double.isNaN(bf16.compare()), "a run without --compare has no compared bar");
    assertThrows(IllegalArgumentException.class, () -> GpuChart.groups(result(), "float32"));
  }

  @Test
  void barsGrowWithQueriesPerSecond(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("gpu.png");
    GpuChart.write(result(), "float16", png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(GpuChart.WIDTH, img.getWidth());
    assertEquals(GpuChart.TOP + GpuChart.BOTTOM + 2 * GpuChart.ROW, img.getHeight());
    int slow = colouredWidth(img, 0);
    int fast = colouredWidth(img, 1);
    assertTrue(slow > 0 && fast > slow, "linr bars: " + slow + " then " + fast);
  }

  /** The longest run of linr's colour in row band {@code group}. */
  private static int colouredWidth(BufferedImage img, int group) {
    int best = 0;
    int top = GpuChart.TOP + group * GpuChart.ROW;
    for (int y = top; y < top + GpuChart.ROW; y++) {
      int run = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        run = img.getRGB(x, y) == GpuChart.LINR.getRGB() ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }
}
