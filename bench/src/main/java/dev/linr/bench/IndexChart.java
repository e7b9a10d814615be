package dev.linr.bench;

import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the index benchmark as one PNG (headless AWT): for B=1 and for B=32, a horizontal bar per
 * engine (linr, stock PyTorch on the same archive, the plain-Java brute force) showing the share of
 * the hardware limit measured in the same run that its median search reaches ({@link
 * HardwareLimits}: the read bandwidth at B=1, libtorch's matmul FLOP/s at B=32), with the goal as a
 * dashed line and each bar's milliseconds beside it.
 */
final class IndexChart {
  static final int WIDTH = 1000;
  static final int ROW = 120;
  static final int LEFT = 260;
  static final int RIGHT = 150;
  static final int TOP = 70;
  static final int BOTTOM = 70;

  /** The engines in bar order: result-key prefix, legend name and colour. */
  static final List<Engine> ENGINES =
      List.of(
          new Engine("linr", "linr", new Color(31, 119, 180)),
          new Engine("torch", "stock PyTorch, same archive", new Color(150, 150, 150)),
          new Engine("java", "plain-Java brute force", new Color(255, 127, 14)));

  /** One row of bars: its label, the fraction key's suffix, the timing's suffix, the goal. */
  static final List<Limit> LIMITS =
      List.of(
          new Limit("B=1: share of read bandwidth", "_b1_fraction_of_bandwidth", "_b1_ms", 0.8),
          new Limit("B=32: share of matmul FLOP/s", "_b32_fraction_of_matmul", "_b32_ms", 0.5));

  record Engine(String key, String name, Color color) {}

  record Limit(String label, String fraction, String ms, double goal) {}

  /** One bar: an engine's fraction of a limit and its median milliseconds. */
  record Bar(Engine engine, double fraction, double ms) {}

  private IndexChart() {}

  /** The bars of one limit: the engines that the run timed, in {@link #ENGINES} order. */
  static List<Bar> bars(JsonObject r, Limit limit) {
    List<Bar> out = new ArrayList<>();
    for (Engine e : ENGINES) {
      if (r.has(e.key() + limit.fraction())) {
        out.add(
            new Bar(
                e,
                r.get(e.key() + limit.fraction()).getAsDouble(),
                r.get(e.key() + limit.ms()).getAsDouble()));
      }
    }
    return out;
  }

  static void write(JsonObject r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double most = 1.0;
    for (Limit limit : LIMITS) {
      for (Bar b : bars(r, limit)) {
        most = Math.max(most, b.fraction());
      }
    }
    double xMax = Math.ceil(most * 5) / 5;
    int height = TOP + BOTTOM + ROW * LIMITS.size();
    BufferedImage img = ChartCanvas.image(WIDTH, height);
    Graphics2D g = ChartCanvas.graphics(img);
    grid(g, xMax, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < LIMITS.size(); i++) {
      Limit limit = LIMITS.get(i);
      int top = TOP + i * ROW + 10;
      List<Bar> bars = bars(r, limit);
      int bar = (ROW - 20) / ENGINES.size();
      g.setColor(Color.BLACK);
      g.drawString(limit.label(), LEFT - 10 - fm.stringWidth(limit.label()), top + ROW / 2 - 6);
      int y = top;
      for (Bar b : bars) {
        g.setColor(b.engine().color());
        g.fillRect(LEFT, y, Math.max(1, px(b.fraction(), xMax) - LEFT), bar - 2);
        y += bar;
      }
      // The goal line over the bars, and the bars' values over it on a white ground.
      Stroke plain = g.getStroke();
      g.setStroke(
          new BasicStroke(
              2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.setColor(Color.BLACK);
      int goal = px(limit.goal(), xMax);
      g.drawLine(goal, top - 16, goal, top + ROW - 16);
      g.setStroke(plain);
      g.drawString(
          String.format(Locale.ROOT, "goal %.0f%%", 100 * limit.goal()), goal + 4, top - 4);
      y = top;
      for (Bar b : bars) {
        int end = px(b.fraction(), xMax);
        String value = String.format(Locale.ROOT, "%.0f%% (%.1f ms)", 100 * b.fraction(), b.ms());
        int base = y + bar - 8;
        g.setColor(Color.WHITE);
        g.fillRect(end + 4, base - fm.getAscent(), fm.stringWidth(value) + 4, fm.getAscent() + 2);
        g.setColor(Color.BLACK);
        g.drawString(value, end + 6, base);
        y += bar;
      }
    }
    ChartCanvas.swatches(
        g,
        ENGINES.stream().map(Engine::name).toList(),
        ENGINES.stream().map(Engine::color).toList(),
        LEFT);
    String title =
        String.format(
            Locale.ROOT,
            "%,d x %d %s, no filter, k = 10: median search, share of the limits measured in the"
                + " run",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("dtype").getAsString());
    ChartCanvas.finish(g, img, title, 20, 30, png);
  }

  /** The horizontal pixel of a fraction, on a linear axis from 0 to {@code xMax}. */
  static int px(double fraction, double xMax) {
    return LEFT + (int) Math.round(fraction / xMax * (WIDTH - LEFT - RIGHT));
  }

  private static void grid(Graphics2D g, double xMax, int height) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (int tenth = 0; tenth <= Math.round(xMax * 10); tenth++) {
      int x = px(tenth / 10.0, xMax);
      g.setColor(tenth % 5 == 0 ? new Color(200, 200, 200) : new Color(238, 238, 238));
      g.drawLine(x, TOP, x, height - BOTTOM);
      g.setColor(Color.BLACK);
      String label = (10 * tenth) + "%";
      g.drawString(label, x - fm.stringWidth(label) / 2, height - BOTTOM + 18);
    }
    String title = "share of the limit (higher is better)";
    g.drawString(title, (LEFT + WIDTH - RIGHT - fm.stringWidth(title)) / 2, height - BOTTOM + 40);
  }
}
