package dev.linr.cli;

import dev.linr.index.BuildProgress;
import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on stderr, redrawn at most ten times a second. */
public final class ConsoleProgress implements BuildProgress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private String phase = "";
  private long total;
  private long startNanos;
  private long lastDraw;
  private long done;

  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.done = 0;
    this.startNanos = System.nanoTime();
    this.lastDraw = 0;
    draw(true);
  }

  @Override
  public void advance(long done) {
    this.done = done;
    draw(false);
  }

  @Override
  public void finish() {
    draw(true);
    out.println();
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    String rate = String.format(Locale.ROOT, "%,.0f/s", done / seconds);
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      out.printf(
          Locale.ROOT,
          "\r%-17s [%s%s] %,d/%,d %s",
          phase,
          "#".repeat(filled),
          " ".repeat(WIDTH - filled),
          done,
          total,
          rate);
    } else {
      out.printf(Locale.ROOT, "\r%-17s %,d items %s", phase, done, rate);
    }
    out.flush();
  }
}
