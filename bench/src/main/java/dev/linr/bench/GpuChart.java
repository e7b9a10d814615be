package dev.linr.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the results of {@code bench/gpu/gpu_bench.py} as one PNG (headless AWT): for each case of
 * one storage type (batch size and filter), horizontal bars of queries/s on a log scale for the
 * plain PyTorch baseline, the archive timed alongside ({@code --compare}, where the run has one)
 * and linr, with linr's ratio to the baseline beside its bar.
 *
 * <p>Run: {@code ./linr bench gpu-chart RESULT.json [--dtype float16]}; writes {@code RESULT.png}
 * (or {@code RESULT-<dtype>.png} for a storage type other than the run's first).
 */
public final class GpuChart {
  static final int WIDTH = 1000;
  static final int ROW = 54;
  static final int LEFT = 190;
  static final int RIGHT = 90;
  static final int TOP = 70;
  static final int BOTTOM = 70;
  static final Color PLAIN = new Color(150, 150, 150);
  static final Color COMPARE = new Color(158, 202, 225);
  static final Color LINR = new Color(31, 119, 180);

  /** One bar group: its label, and queries/s of the baseline, the compared archive and linr. */
  record Group(String label, double plain, double compare, double linr) {}

  private GpuChart() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1 && !(args.length == 3 && args[1].equals("--dtype"))) {
      System.err.println("usage: ./linr bench gpu-chart RESULT.json [--dtype float16]");
      System.exit(2);
    }
    Path json = Path.of(args[0]);
    JsonObject result =
        JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
    String first =
        result.getAsJsonArray("cases").get(0).getAsJsonObject().get("dtype").getAsString();
    String dtype = args.length == 3 ? args[2] : first;
    String name = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path png = json.resolveSibling(name + (dtype.equals(first) ? "" : "-" + dtype) + ".png");
    write(result, dtype, png);
    System.out.println("wrote " + png);
  }

  /**
   * The groups of one storage type: every case that ran (skipped and failed cases are left out).
   */
  static List<Group> groups(JsonObject result, String dtype) {
    List<Group> out = new ArrayList<>();
    for (JsonElement e : result.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      if (!c.get("dtype").getAsString().equals(dtype) || !c.has("linr")) {
        continue;
      }
      double rate = c.get("pass_rate").getAsDouble();
      String filter =
          rate >= 1.0
              ? "no filter"
              : String.format(
                  Locale.ROOT, "%s%% %s", percent(rate), perQuery(c) ? "each" : "shared");
      out.add(
          new Group(
              String.format(Locale.ROOT, "B=%d, %s", c.get("batch").getAsInt(), filter),
              qps(c, "plain"),
              c.has("compare") ? qps(c, "compare") : Double.NaN,
              qps(c, "linr")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no completed cases of storage type " + dtype);
    }
    return out;
  }

  private static boolean perQuery(JsonObject c) {
    return c.has("per_query") && c.get("per_query").getAsBoolean();
  }

  private static String percent(double rate) {
    return new java.math.BigDecimal(rate * 100)
        .round(new java.math.MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static double qps(JsonObject c, String engine) {
    return c.getAsJsonObject(engine).get("qps").getAsDouble();
  }

  static void write(JsonObject result, String dtype, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Group> groups = groups(result, dtype);
    boolean compared = groups.stream().anyMatch(gr -> !Double.isNaN(gr.compare()));
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (Group gr : groups) {
      for (double v : new double[] {gr.plain(), gr.compare(), gr.linr()}) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    double xMin = Math.floor(Math.log10(lo));
    double xMax = Math.max(xMin + 1, Math.ceil(Math.log10(hi)));
    int height = TOP + BOTTOM + ROW * groups.size();
    BufferedImage img = ChartCanvas.image(WIDTH, height);
    Graphics2D g = ChartCanvas.graphics(img);
    Scale x = new Scale(xMin, xMax);
    grid(g, x, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    int bars = compared ? 3 : 2;
    int bar = (ROW - 14) / bars;
    for (int i = 0; i < groups.size(); i++) {
      Group gr = groups.get(i);
      int top = TOP + i * ROW + 7;
      g.setColor(Color.BLACK);
      g.drawString(gr.label(), LEFT - 10 - fm.stringWidth(gr.label()), top + (ROW - 14) / 2 + 5);
      int y = top;
      y = drawBar(g, x, y, bar, gr.plain(), PLAIN);
      if (compared) {
        y = drawBar(g, x, y, bar, gr.compare(), COMPARE);
      }
      drawBar(g, x, y, bar, gr.linr(), LINR);
      g.setColor(Color.BLACK);
      String ratio = String.format(Locale.ROOT, "%.2fx", gr.linr() / gr.plain());
      g.drawString(ratio, x.px(Math.log10(gr.linr())) + 6, y + bar - 2);
    }
    legend(g, compared);
    String title =
        String.format(
            Locale.ROOT,
            "%s: %,d x %d %s, top-%d, queries/s (log scale); linr against plain PyTorch",
            result.get("device_name").getAsString(),
            result.get("items").getAsLong(),
            result.get("dim").getAsInt(),
            dtype,
            result.get("k").getAsInt());
    ChartCanvas.finish(g, img, title, 20, 30, png);
  }

  /** Maps log10 queries/s to a horizontal pixel position. */
  private record Scale(double x0, double x1) {
    int px(double log10) {
      return LEFT + (int) Math.round((log10 - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT));
    }
  }

  private static int drawBar(Graphics2D g, Scale x, int y, int bar, double qps, Color color) {
    g.setColor(color);
    g.fillRect(LEFT, y, Math.max(1, x.px(Math.log10(qps)) - LEFT), bar - 1);
    return y + bar;
  }

  private static void grid(Graphics2D g, Scale x, int height) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (int e = (int) x.x0(); e <= (int) x.x1(); e++) {
      for (int m = 1; m < 10 && e + Math.log10(m) <= x.x1(); m++) {
        int px = x.px(e + Math.log10(m));
        g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(238, 238, 238));
        g.drawLine(px, TOP, px, height - BOTTOM);
      }
      g.setColor(Color.BLACK);
      String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, e));
      g.drawString(label, x.px(e) - fm.stringWidth(label) / 2, height - BOTTOM + 18);
    }
    String title = "queries/s (batch size x 1000 / median ms per batch)";
    g.drawString(title, (LEFT + WIDTH - RIGHT - fm.stringWidth(title)) / 2, height - BOTTOM + 40);
  }

  private static void legend(Graphics2D g, boolean compared) {
    List<String> names = new ArrayList<>(List.of("plain q @ E.T + masked_fill + topk"));
    List<Color> colors = new ArrayList<>(List.of(PLAIN));
    if (compared) {
      names.add("compared archive");
      colors.add(COMPARE);
    }
    names.add("linr");
    colors.add(LINR);
    ChartCanvas.swatches(g, names, colors, LEFT);
  }
}
