package dev.linr.bench;

import com.google.gson.JsonObject;
import java.util.Arrays;

/**
 * What one closed-loop load run measured: completed calls per second and their latency percentiles,
 * over the measured window only (warm-up excluded). Immutable.
 *
 * @param concurrency the client threads, each with one call outstanding
 * @param requests calls that completed inside the measured window
 * @param seconds the length of the measured window
 * @param p50Ms median latency in milliseconds
 * @param p99Ms 99th-percentile latency in milliseconds (nearest rank)
 * @param meanMs mean latency in milliseconds
 * @param maxMs largest latency in milliseconds
 * @param loadAverage the machine's 1-minute load average when the run started (-1 if unknown)
 */
record LoadResult(
    int concurrency,
    long requests,
    double seconds,
    double p50Ms,
    double p99Ms,
    double meanMs,
    double maxMs,
    double loadAverage) {

  /** Calls completed per second of the measured window. */
  double qps() {
    return requests / seconds;
  }

  /**
   * The result of latencies in nanoseconds (sorted here, in place).
   *
   * @throws IllegalStateException if no call completed inside the window
   */
  static LoadResult of(int concurrency, long[] latencyNanos, double seconds, double loadAverage) {
    if (latencyNanos.length == 0) {
      throw new IllegalStateException(
          "no call completed in the "
              + seconds
              + " s window at concurrency "
              + concurrency
              + "; lengthen --duration");
    }
    Arrays.sort(latencyNanos);
    double sum = 0;
    for (long l : latencyNanos) {
      sum += l;
    }
    return new LoadResult(
        concurrency,
        latencyNanos.length,
        seconds,
        percentile(latencyNanos, 0.50) / 1e6,
        percentile(latencyNanos, 0.99) / 1e6,
        sum / latencyNanos.length / 1e6,
        latencyNanos[latencyNanos.length - 1] / 1e6,
        loadAverage);
  }

  /** Nearest-rank percentile of sorted values: the smallest value with at least p of them <= it. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("concurrency", concurrency);
    o.addProperty("requests", requests);
    o.addProperty("seconds", seconds);
    o.addProperty("qps", qps());
    o.addProperty("p50_ms", p50Ms);
    o.addProperty("p99_ms", p99Ms);
    o.addProperty("mean_ms", meanMs);
    o.addProperty("max_ms", maxMs);
    o.addProperty("load_average", loadAverage);
    return o;
  }
}
