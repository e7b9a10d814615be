package dev.linr.runtime;

import dev.linr.index.BuildProgress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of a build inside the server (a snapshot, an index growing) as log lines: nothing
 * for a build that ends within the first interval, then one line per interval naming the phase and
 * how far it is. Called from the building thread only.
 */
public final class LoggedProgress implements BuildProgress {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedProgress.class);
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String what;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Consumer<String> sink;
  private String phase = "";
  private long total = -1;
  private long next = Long.MIN_VALUE;

  /** Progress of {@code what} ("snapshot 42 of posts"), logged every 10 seconds. */
  public LoggedProgress(String what) {
    this(what, INTERVAL_NANOS, System::nanoTime, LOG::info);
  }

  LoggedProgress(String what, long intervalNanos, LongSupplier nanoClock, Consumer<String> sink) {
    this.what = what;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
    this.sink = sink;
  }

  @Override
  public void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    if (next == Long.MIN_VALUE) {
      next = nanoClock.getAsLong() + intervalNanos;
    }
  }

  @Override
  public void advance(long done) {
    long now = nanoClock.getAsLong();
    if (now - next < 0) {
      return;
    }
    next = now + intervalNanos;
    sink.accept(
        total >= 0
            ? String.format(Locale.ROOT, "%s: %s %,d of %,d items", what, phase, done, total)
            : String.format(Locale.ROOT, "%s: %s %,d items", what, phase, done));
  }

  @Override
  public void finish() {}
}
