package dev.linr.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws the updates benchmark as one PNG (headless AWT), with {@link ServeChart}'s panels: query
 * p99 (solid) and p50 (dashed) latency by update load, with the goal (the baseline's p99 plus 5%)
 * as a grey line (left), and the update rate achieved (solid) against the target (dashed, right).
 * The update loads are categories in run order: each target rate, then the sustained maximum.
 */
final class UpdatesChart {
  private static final Color GOAL = new Color(150, 150, 150);

  private UpdatesChart() {}

  static void write(JsonObject r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<JsonObject> cells = new ArrayList<>();
    for (JsonElement e : r.getAsJsonArray("cells")) {
      cells.add(e.getAsJsonObject());
    }
    List<double[]> ticks = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<double[]> p99 = new ArrayList<>();
    List<double[]> p50 = new ArrayList<>();
    List<double[]> goal = new ArrayList<>();
    List<double[]> achieved = new ArrayList<>();
    List<double[]> target = new ArrayList<>();
    double baseline = r.get("baseline_query_p99_ms").getAsDouble();
    for (int i = 0; i < cells.size(); i++) {
      JsonObject c = cells.get(i);
      JsonObject q = c.getAsJsonObject("queries");
      ticks.add(new double[] {i});
      labels.add(UpdatesReport.load(c));
      p99.add(new double[] {i, q.get("p99_ms").getAsDouble()});
      p50.add(new double[] {i, q.get("p50_ms").getAsDouble()});
      goal.add(new double[] {i, baseline * (1 + UpdatesReport.GOAL_P99_CHANGE)});
      achieved.add(new double[] {i, c.get("achieved_updates_per_s").getAsDouble()});
      if (c.has("target_updates_per_s")) {
        target.add(new double[] {i, c.get("target_updates_per_s").getAsDouble()});
      }
    }
    DoubleUnaryOperator scale = x -> cells.size() == 1 ? 0.5 : x / (cells.size() - 1);
    List<ServeChart.Series> latency =
        List.of(
            new ServeChart.Series("query p99", ServeChart.COLORS[0], false, p99),
            new ServeChart.Series("query p50", ServeChart.COLORS[0], true, p50),
            new ServeChart.Series("goal: baseline p99 + 5%", GOAL, true, goal));
    List<ServeChart.Series> rates =
        List.of(
            new ServeChart.Series("updates/s achieved", ServeChart.COLORS[1], false, achieved),
            new ServeChart.Series("updates/s target", ServeChart.COLORS[1], true, target));
    BufferedImage img = ChartCanvas.image(ServeChart.WIDTH, ServeChart.HEIGHT);
    Graphics2D g = ChartCanvas.graphics(img);
    String xTitle = "item updates/s (target; max: closed-loop updaters)";
    ServeChart.panel(
        g, ServeChart.LEFT, "query latency, ms", xTitle, latency, ticks, labels, scale);
    ServeChart.panel(
        g,
        ServeChart.LEFT + ServeChart.PANEL + ServeChart.GAP,
        "item updates/s achieved",
        xTitle,
        rates,
        ticks,
        labels,
        scale);
    List<ServeChart.Series> legend = new ArrayList<>(latency);
    legend.addAll(rates);
    ServeChart.legend(g, legend, ServeChart.LEFT + 2 * ServeChart.PANEL + ServeChart.GAP + 30);
    String title =
        String.format(
            Locale.ROOT,
            "linr live updates, %,d x %d float32, durable: query latency (%d clients) under item"
                + " updates",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("concurrency").getAsInt());
    ChartCanvas.finish(g, img, title, ServeChart.LEFT, 32, png);
  }
}
