package dev.linr.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws the serving benchmark's index runs as one PNG (headless AWT): queries/s (left) and p99
 * latency (right) against client concurrency (log scale), over HTTP (solid) and direct (dashed),
 * without and with dynamic batching.
 */
final class ServeChart {
  static final int WIDTH = 1330;
  static final int HEIGHT = 560;
  static final int PANEL = 440;
  static final int LEFT = 80;
  static final int GAP = 110;
  static final int TOP = 70;
  static final int BOTTOM = 70;
  static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14)};
  private static final float[] DASH = {8, 5};

  /** One line of a panel: (x, y) points, drawn solid or dashed. */
  record Series(String name, Color color, boolean dashed, List<double[]> points) {}

  private ServeChart() {}

  static void write(JsonObject r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    TreeSet<Integer> batches = new TreeSet<>();
    TreeSet<Integer> concurrencies = new TreeSet<>();
    for (JsonElement e : r.getAsJsonArray("index")) {
      batches.add(e.getAsJsonObject().get("batch_size").getAsInt());
      concurrencies.add(e.getAsJsonObject().get("concurrency").getAsInt());
    }
    BufferedImage img = ChartCanvas.image(WIDTH, HEIGHT);
    Graphics2D g = ChartCanvas.graphics(img);
    List<Series> qps = series(r, batches, "qps");
    List<Series> p99 = series(r, batches, "p99_ms");
    double cMin = Math.log(concurrencies.first());
    double cMax = Math.log(concurrencies.last());
    DoubleUnaryOperator logScale = c -> cMax == cMin ? 0.5 : (Math.log(c) - cMin) / (cMax - cMin);
    List<double[]> ticks = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int c : concurrencies) {
      ticks.add(new double[] {c});
      labels.add(Integer.toString(c));
    }
    String xTitle = "client concurrency (log scale)";
    panel(g, LEFT, "queries/s", xTitle, qps, ticks, labels, logScale);
    panel(g, LEFT + PANEL + GAP, "p99 latency, ms", xTitle, p99, ticks, labels, logScale);
    legend(g, qps, LEFT + 2 * PANEL + GAP + 30);
    String title =
        String.format(
            Locale.ROOT,
            "linr serving, %,d x %d float32, k = %d: HTTP (solid) and direct (dashed) by client"
                + " concurrency",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("k").getAsInt());
    ChartCanvas.finish(g, img, title, LEFT, 32, png);
  }

  private static List<Series> series(JsonObject r, TreeSet<Integer> batches, String field) {
    List<Series> out = new ArrayList<>();
    int color = 0;
    for (int batch : batches) {
      for (String side : new String[] {"http", "direct"}) {
        List<double[]> points = new ArrayList<>();
        for (JsonElement e : r.getAsJsonArray("index")) {
          JsonObject c = e.getAsJsonObject();
          if (c.get("batch_size").getAsInt() == batch) {
            points.add(
                new double[] {
                  c.get("concurrency").getAsInt(), c.getAsJsonObject(side).get(field).getAsDouble()
                });
          }
        }
        String policy = batch == 1 ? "no batching" : "batch_size " + batch;
        out.add(
            new Series(
                (side.equals("http") ? "HTTP, " : "direct, ") + policy,
                COLORS[color % COLORS.length],
                side.equals("direct"),
                points));
      }
      color++;
    }
    return out;
  }

  /**
   * One panel of width {@link #PANEL} at {@code x0}: a y grid from 0, x ticks at {@code ticks} (x
   * values) labelled {@code labels}, and the series; {@code scale} maps an x value to its fraction
   * [0, 1] of the panel's width.
   */
  static void panel(
      Graphics2D g,
      int x0,
      String yTitle,
      String xTitle,
      List<Series> series,
      List<double[]> ticks,
      List<String> labels,
      DoubleUnaryOperator scale) {
    double max = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        max = Math.max(max, p[1]);
      }
    }
    double step = niceStep(max / 5);
    double yMax = Math.max(step, Math.ceil(max * 1.08 / step) * step);
    int y0 = HEIGHT - BOTTOM;
    int h = HEIGHT - TOP - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    for (double v = 0; v <= yMax + step / 2; v += step) {
      int y = y0 - (int) Math.round(v / yMax * h);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x0, y, x0 + PANEL, y);
      g.setColor(Color.BLACK);
      String label = String.format(Locale.ROOT, step < 1 ? "%,.1f" : "%,.0f", v);
      g.drawString(label, x0 - 8 - fm.stringWidth(label), y + 5);
    }
    for (int i = 0; i < ticks.size(); i++) {
      int x = px(x0, scale.applyAsDouble(ticks.get(i)[0]));
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x, y0, x, TOP);
      g.setColor(Color.BLACK);
      String label = labels.get(i);
      g.drawString(label, x - fm.stringWidth(label) / 2, y0 + 20);
    }
    g.drawRect(x0, TOP, PANEL, h);
    g.drawString(xTitle, x0 + (PANEL - fm.stringWidth(xTitle)) / 2, HEIGHT - 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(yTitle, x0, TOP - 10);
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(
          s.dashed()
              ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, DASH, 0)
              : new BasicStroke(2.5f));
      int px = -1;
      int py = -1;
      for (double[] p : s.points()) {
        int x = px(x0, scale.applyAsDouble(p[0]));
        int y = y0 - (int) Math.round(p[1] / yMax * h);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        g.fillOval(x - 4, y - 4, 9, 9);
        px = x;
        py = y;
      }
      g.setStroke(new BasicStroke(1));
    }
  }

  private static int px(int x0, double fraction) {
    return x0 + 20 + (int) Math.round(fraction * (PANEL - 40));
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static void legend(Graphics2D g, List<Series> series, int x) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int y = TOP + 10;
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(
          s.dashed()
              ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, DASH, 0)
              : new BasicStroke(2.5f));
      g.drawLine(x, y, x + 30, y);
      g.setStroke(new BasicStroke(1));
      g.setColor(Color.BLACK);
      g.drawString(s.name(), x + 38, y + 5);
      y += 24;
    }
  }
}
