package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Draws a filtered benchmark as one PNG (headless AWT): B=1 queries/s against pass rate, both axes
 * log-scale (pass rates below 0.01% are drawn at 0.01%), one line per {@link Series} (for the
 * filtered benchmark linr masked, compact and auto and Lucene HNSW), with Lucene's recall@10 beside
 * each of its points.
 */
final class FilterChart {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 600;
  private static final int LEFT = 90;
  private static final int RIGHT = 210;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;

  /** The y axis of B=1 charts. */
  static final String B1_AXIS = "queries/s at B=1 (1 / median latency, log scale)";

  /**
   * One line: its legend name, colour, dash pattern (null: solid), its q/s at a rate, and whether
   * Lucene's recall@10 is written beside its points.
   */
  record Series(
      String name,
      Color color,
      float[] dash,
      Function<JsonObject, Double> qps,
      boolean labelsRecall) {
    /** A line without recall labels. */
    Series(String name, Color color, float[] dash, Function<JsonObject, Double> qps) {
      this(name, color, dash, qps, false);
    }
  }

  /**
   * A horizontal line across the chart at {@code qps}: for B=1 charts the most queries/s one
   * calling thread can get answered through one model call each (see {@link ModelCallFloor}).
   */
  record Ceiling(String label, double qps) {}

  private FilterChart() {}

  /** The B=1 chart; runs that measured the floor of a model call also draw its ceiling. */
  static void write(JsonObject r, Path png) throws IOException {
    List<Series> series =
        List.of(
            linr("linr masked (V1)", new Color(31, 119, 180), null, "masked"),
            linr("linr compact (V2)", new Color(255, 127, 14), null, "compact"),
            linr("linr auto", new Color(44, 160, 44), new float[] {8, 5}, "auto"),
            lucene());
    Ceiling ceiling = null;
    if (ModelCallFloor.Floor.in(r)) {
      double qps = 1e6 / ModelCallFloor.Floor.read(r).callUs();
      ceiling =
          new Ceiling(
              String.format(Locale.ROOT, "an empty model call through DJL: %,.0f/s", qps), qps);
    }
    write(r.getAsJsonArray("rates"), series, ceiling, title(r, "B=1 queries/s"), B1_AXIS, png);
  }

  /**
   * The throughput chart: linr from two calling threads, one query at a time and in batches,
   * against Lucene searching from two threads.
   */
  static void writeThroughput(JsonObject r, Path png) throws IOException {
    List<Series> series =
        List.of(
            linrConcurrent("linr B=1", new Color(44, 160, 44), new float[] {8, 5}, "auto", "b1"),
            linrConcurrent("linr B=32, one filter", new Color(31, 119, 180), null, "auto", "b32"),
            linrConcurrent(
                "linr B=32, own filters", new Color(148, 103, 189), null, null, "own_filters_b32"),
            linrConcurrent(
                "linr B=128, own filters", new Color(255, 127, 14), null, null, "own_filters_b128"),
            new Series(
                "Lucene HNSW",
                new Color(214, 39, 40),
                null,
                o -> o.getAsJsonObject("lucene").get("qps_2_threads").getAsDouble(),
                true));
    write(
        r.getAsJsonArray("rates"),
        series,
        title(r, "queries/s from two threads"),
        "queries/s, two calling threads (log scale)",
        png);
  }

  /** The chart's title: the run's size, then what it plots. */
  private static String title(JsonObject r, String what) {
    return String.format(
        Locale.ROOT,
        "Filtered top-10, %,d x %d cosine: %s by pass rate",
        r.get("items").getAsLong(),
        r.get("dim").getAsInt(),
        what);
  }

  /**
   * linr's {@code <figure>_qps_2_callers}, read from the rate's {@code linr} object, or from its
   * {@code path} object where a path is given.
   */
  private static Series linrConcurrent(
      String name, Color color, float[] dash, String path, String figure) {
    return new Series(
        name,
        color,
        dash,
        o -> {
          JsonObject linr = o.getAsJsonObject("linr");
          JsonObject at = path == null ? linr : linr.getAsJsonObject(path);
          return at.get(figure + "_qps_2_callers").getAsDouble();
        });
  }

  /**
   * Draws {@code series} over {@code rates} (objects with {@code pass_rate} and what the series
   * read; where a rate has a {@code lucene} object, its {@code recall_at_10} is written beside the
   * points of the series that label recall), in order of pass rate, under {@code title}, with
   * {@code yTitle} on the y axis.
   */
  static void write(JsonArray unsorted, List<Series> series, String title, String yTitle, Path png)
      throws IOException {
    write(unsorted, series, null, title, yTitle, png);
  }

  /** As {@link #write(JsonArray, List, String, String, Path)}, with a ceiling line if not null. */
  static void write(
      JsonArray unsorted,
      List<Series> series,
      Ceiling ceiling,
      String title,
      String yTitle,
      Path png)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    JsonArray rates = new JsonArray();
    java.util.stream.StreamSupport.stream(unsorted.spliterator(), false)
        .map(e -> e.getAsJsonObject())
        .sorted(
            java.util.Comparator.comparingDouble(
                (JsonObject o) -> -o.get("pass_rate").getAsDouble()))
        .forEach(rates::add);
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int i = 0; i < rates.size(); i++) {
      for (Series s : series) {
        double v = s.qps().apply(rates.get(i).getAsJsonObject());
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (ceiling != null) {
      lo = Math.min(lo, ceiling.qps());
      hi = Math.max(hi, ceiling.qps());
    }
    double yMin = Math.floor(Math.log10(lo));
    double yMax = Math.ceil(Math.log10(hi));
    if (yMax == yMin) {
      yMax += 1;
    }
    BufferedImage img = ChartCanvas.image(WIDTH, HEIGHT);
    Graphics2D g = ChartCanvas.graphics(img);
    Plot plot = new Plot(-4, 0, yMin, yMax);
    axes(g, plot, yMin, yMax, yTitle);
    if (ceiling != null) {
      ceiling(g, plot, ceiling);
    }
    for (Series s : series) {
      drawSeries(g, plot, rates, s);
    }
    for (Series s : series) {
      if (s.labelsRecall()) {
        recallLabels(g, plot, rates, s);
      }
    }
    legend(g, series);
    ChartCanvas.finish(g, img, title, LEFT, 32, png);
  }

  /** Lucene HNSW's B=1 q/s, from each rate's {@code lucene} object. */
  static Series lucene() {
    return new Series(
        "Lucene HNSW",
        new Color(214, 39, 40),
        null,
        o -> o.getAsJsonObject("lucene").get("b1_qps").getAsDouble(),
        true);
  }

  /** The log10 x position of a rate: its pass rate, at least 0.01%. */
  private static double logRate(JsonObject o) {
    return Math.max(-4, Math.log10(o.get("pass_rate").getAsDouble()));
  }

  /** linr on {@code path}'s B=1 q/s, from each rate's {@code linr.<path>} object. */
  static Series linr(String name, Color color, float[] dash, String path) {
    return new Series(
        name,
        color,
        dash,
        o -> o.getAsJsonObject("linr").getAsJsonObject(path).get("b1_qps").getAsDouble());
  }

  /** Maps log10 data coordinates to pixels. */
  private record Plot(double x0, double x1, double y0, double y1) {
    int px(double log10x) {
      return LEFT + (int) Math.round((log10x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT));
    }

    int py(double log10y) {
      return HEIGHT
          - BOTTOM
          - (int) Math.round((log10y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM));
    }
  }

  private static void axes(Graphics2D g, Plot p, double yMin, double yMax, String yTitle) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    String[] xLabels = {"0.01%", "0.1%", "1%", "10%", "100%"};
    for (int e = -4; e <= 0; e++) {
      int x = p.px(e);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x, p.py(yMin), x, p.py(yMax));
      g.setColor(Color.BLACK);
      String label = xLabels[e + 4];
      g.drawString(label, x - fm.stringWidth(label) / 2, p.py(yMin) + 20);
    }
    for (int e = (int) yMin; e <= (int) yMax; e++) {
      for (int m = 1; m < 10 && e + Math.log10(m) <= yMax; m++) {
        int y = p.py(e + Math.log10(m));
        g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(240, 240, 240));
        g.drawLine(p.px(-4), y, p.px(0), y);
      }
      g.setColor(Color.BLACK);
      String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, e));
      g.drawString(label, LEFT - 8 - fm.stringWidth(label), p.py(e) + 5);
    }
    g.setColor(Color.BLACK);
    g.drawRect(p.px(-4), p.py(yMax), p.px(0) - p.px(-4), p.py(yMin) - p.py(yMax));
    String xTitle = "pass rate (fraction of items passing the filter, log scale)";
    g.drawString(xTitle, (p.px(-4) + p.px(0) - fm.stringWidth(xTitle)) / 2, HEIGHT - 22);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    r.drawString(yTitle, -(p.py(yMin) + p.py(yMax) + fm.stringWidth(yTitle)) / 2, 24);
    r.dispose();
  }

  /** A dashed grey line across the plot at the ceiling, its label above it at the right. */
  private static void ceiling(Graphics2D g, Plot p, Ceiling c) {
    int y = p.py(Math.log10(c.qps()));
    Graphics2D d = (Graphics2D) g.create();
    d.setColor(new Color(90, 90, 90));
    d.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {4, 4}, 0));
    d.drawLine(p.px(-4), y, p.px(0), y);
    d.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int width = d.getFontMetrics().stringWidth(c.label());
    d.drawString(c.label(), p.px(0) - width - 6, y - 5);
    d.dispose();
  }

  private static void drawSeries(Graphics2D g, Plot p, JsonArray rates, Series s) {
    g.setColor(s.color());
    g.setStroke(
        s.dash() == null
            ? new BasicStroke(2.5f)
            : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, s.dash(), 0));
    int prevX = -1;
    int prevY = -1;
    for (int i = 0; i < rates.size(); i++) {
      JsonObject o = rates.get(i).getAsJsonObject();
      int x = p.px(logRate(o));
      int y = p.py(Math.log10(s.qps().apply(o)));
      if (prevX >= 0) {
        g.drawLine(prevX, prevY, x, y);
      }
      g.fillOval(x - 4, y - 4, 9, 9);
      prevX = x;
      prevY = y;
    }
    g.setStroke(new BasicStroke(1));
  }

  /** Lucene's recall@10 beside each point of {@code s} (rates without a lucene object: none). */
  private static void recallLabels(Graphics2D g, Plot p, JsonArray rates, Series s) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(new Color(160, 20, 20));
    for (int i = 0; i < rates.size(); i++) {
      JsonObject o = rates.get(i).getAsJsonObject();
      JsonObject lucene = o.getAsJsonObject("lucene");
      if (lucene == null) {
        continue;
      }
      int x = p.px(logRate(o));
      int y = p.py(Math.log10(s.qps().apply(o)));
      String label =
          String.format(Locale.ROOT, "recall %.3f", lucene.get("recall_at_10").getAsDouble());
      int w = g.getFontMetrics().stringWidth(label);
      g.drawString(label, Math.min(x + 6, p.px(0) - w - 2), y - 8);
    }
  }

  private static void legend(Graphics2D g, List<Series> series) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int x = WIDTH - RIGHT + 18;
    int y = TOP + 10;
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(
          s.dash() == null
              ? new BasicStroke(2.5f)
              : new BasicStroke(
                  2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, s.dash(), 0));
      g.drawLine(x, y, x + 30, y);
      g.fillOval(x + 11, y - 4, 9, 9);
      g.setStroke(new BasicStroke(1));
      g.setColor(Color.BLACK);
      g.drawString(s.name(), x + 38, y + 5);
      y += 24;
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    g.drawString("linr: exact (recall 1.0)", x, y + 8);
    g.drawString("Lucene: M=16, beamWidth=100", x, y + 24);
  }
}
