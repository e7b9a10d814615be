package dev.linr.bench;

import com.google.gson.JsonObject;
import dev.linr.schema.StorageType;

/**
 * The hardware limits a scan is measured against, and the fractions of them an engine reaches: a
 * B=1 scan reads every stored byte once, so it is held to the read bandwidth ({@link
 * Machine#readBandwidthGbPerS()}); a batched scan (B &gt;= 32) is a matrix product, so it is held
 * to libtorch's matmul FLOP/s through DJL ({@link Machine#matmulGflopPerS}), counting 2 * B * N * d
 * flops per batch with filtering and top-k included in the engine's measured time.
 *
 * <p>Result keys (in the benchmark's JSON object): {@code read_bandwidth_gb_per_s}, {@code
 * matmul_b32_gflop_per_s}, {@code matmul_b256_gflop_per_s}, {@code matmul_probe_items}, and per
 * engine {@code <engine>_b1_fraction_of_bandwidth}, {@code <engine>_b32_fraction_of_matmul}.
 */
final class HardwareLimits {
  /** Items in the matmul probe's [d, N] operand: FLOP/s do not depend on N past this size. */
  static final long MATMUL_PROBE_MAX_ITEMS = 1_000_000;

  /** Timed matmul runs per batch size (the best counts). */
  static final int MATMUL_RUNS = 5;

  private HardwareLimits() {}

  /** Measures both limits on this machine and adds them to {@code out}. */
  static void measure(long items, int dim, JsonObject out) throws InterruptedException {
    long probeItems = Math.min(items, MATMUL_PROBE_MAX_ITEMS);
    out.addProperty("read_bandwidth_gb_per_s", Machine.readBandwidthGbPerS());
    out.addProperty("matmul_probe_items", probeItems);
    for (int batch : new int[] {32, 256}) {
      out.addProperty(
          "matmul_b" + batch + "_gflop_per_s",
          Machine.matmulGflopPerS(batch, probeItems, dim, MATMUL_RUNS));
    }
  }

  /**
   * Adds an engine's fractions of the limits, from its {@code <engine>_b1_ms} and {@code
   * <engine>_b32_ms} and the run's {@code items}, {@code dim} and {@code dtype}; an engine without
   * one of the timings gets no fraction for it.
   */
  static void fractions(JsonObject out, String engine) {
    long items = out.get("items").getAsLong();
    int dim = out.get("dim").getAsInt();
    int bytes = StorageType.parse(out.get("dtype").getAsString()).bytes();
    if (out.has(engine + "_b1_ms")) {
      double gbPerS =
          (double) items * dim * bytes / 1e9 / (out.get(engine + "_b1_ms").getAsDouble() / 1000);
      out.addProperty(
          engine + "_b1_fraction_of_bandwidth",
          gbPerS / out.get("read_bandwidth_gb_per_s").getAsDouble());
    }
    if (out.has(engine + "_b32_ms")) {
      double gflops =
          2.0 * 32 * items * dim / 1e9 / (out.get(engine + "_b32_ms").getAsDouble() / 1000);
      out.addProperty(
          engine + "_b32_fraction_of_matmul",
          gflops / out.get("matmul_b32_gflop_per_s").getAsDouble());
    }
  }
}
