package dev.linr.serving.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of one series with fixed upper bounds. Lock-free: one atomic count per
 * bucket (cumulated when rendered), a sum and a count. Values are either plain numbers ({@link
 * #observe}) or durations kept in nanoseconds and rendered in seconds ({@link #observeNanos}), so
 * sums are exact.
 */
final class Histogram {
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private final List<BigDecimal> bounds;
  private final long[] limits;
  private final boolean nanos;
  private final AtomicLongArray buckets;
  private final LongAdder sum = new LongAdder();
  private final LongAdder count = new LongAdder();

  private Histogram(List<BigDecimal> bounds, boolean nanos) {
    this.bounds = List.copyOf(bounds);
    this.nanos = nanos;
    this.limits = new long[bounds.size()];
    for (int i = 0; i < limits.length; i++) {
      limits[i] =
          nanos
              ? bounds.get(i).multiply(NANOS_PER_SECOND).longValueExact()
              : bounds.get(i).longValueExact();
    }
    this.buckets = new AtomicLongArray(bounds.size() + 1);
  }

  /** A histogram of durations, observed in nanoseconds and rendered in seconds. */
  static Histogram ofSeconds(List<BigDecimal> boundsInSeconds) {
    return new Histogram(boundsInSeconds, true);
  }

  /** A histogram of whole numbers (batch sizes). */
  static Histogram ofCounts(List<BigDecimal> bounds) {
    return new Histogram(bounds, false);
  }

  /** Adds a duration in nanoseconds. */
  void observeNanos(long value) {
    add(value);
  }

  /** Adds a plain value (a batch size). */
  void observe(long value) {
    add(value);
  }

  private void add(long value) {
    int i = 0;
    while (i < limits.length && value > limits[i]) {
      i++;
    }
    buckets.incrementAndGet(i);
    sum.add(value);
    count.increment();
  }

  long count() {
    return count.sum();
  }

  /** The {@code _bucket}, {@code _sum} and {@code _count} lines of this series. */
  void render(StringBuilder out, String name, String label, String labelValue) {
    String l = label + "=\"" + ServerMetrics.escapeLabel(labelValue) + "\"";
    long cumulative = 0;
    for (int i = 0; i <= limits.length; i++) {
      cumulative += buckets.get(i);
      String le = i < limits.length ? ServerMetrics.plain(bounds.get(i)) : "+Inf";
      out.append(name)
          .append("_bucket{")
          .append(l)
          .append(",le=\"")
          .append(le)
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    long s = sum.sum();
    out.append(name)
        .append("_sum{")
        .append(l)
        .append("} ")
        .append(nanos ? ServerMetrics.seconds(s) : Long.toString(s))
        .append('\n');
    // The +Inf bucket is the count; reading it from the buckets keeps the two equal under load.
    out.append(name).append("_count{").append(l).append("} ").append(cumulative).append('\n');
  }
}
