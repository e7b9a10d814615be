package dev.linr.bench;

import com.google.gson.JsonObject;
import java.util.Locale;

/** Markdown tables for BENCHMARKS.md. */
final class Report {
  private Report() {}

  static String indexTable(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d x %d %s, k = 10, %s%n%n",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("dtype").getAsString(),
            r.get("machine").getAsString()));
    sb.append("| engine | B=1 ms (median) | B=32 ms per batch | B=32 queries/s | agrees |\n");
    sb.append("|---|---|---|---|---|\n");
    row(sb, r, "linr (DJL, libtorch 2.7.1)", "linr", "yes (reference)");
    if (r.has("torch_b1_ms")) {
      row(
          sb,
          r,
          "stock PyTorch " + r.get("torch_version").getAsString() + " (same archive)",
          "torch",
          r.get("torch_agrees").getAsBoolean() ? "yes" : "NO");
    }
    if (r.has("java_b1_ms")) {
      row(
          sb,
          r,
          "plain-Java brute force (2 threads)",
          "java",
          r.get("java_agrees").getAsBoolean() ? "yes" : "NO");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nBuild: %.1f s, %,d items/s, peak heap %d MB, model %.0f MB. Scan at B=1: %.1f GB/s"
                + " of %.1f GB/s measured read bandwidth (%.0f%%). B=32: %.1f GFLOP/s.%n",
            r.get("build_s").getAsDouble(),
            r.get("build_items_per_s").getAsLong(),
            r.get("build_peak_heap_mb").getAsLong(),
            r.get("model_bytes").getAsLong() / 1e6,
            r.get("linr_b1_gb_per_s").getAsDouble(),
            r.get("read_bandwidth_gb_per_s").getAsDouble(),
            100
                * r.get("linr_b1_gb_per_s").getAsDouble()
                / r.get("read_bandwidth_gb_per_s").getAsDouble(),
            r.get("linr_b32_gflop_per_s").getAsDouble()));
    return sb.toString();
  }

  private static void row(StringBuilder sb, JsonObject r, String name, String key, String agrees) {
    double b1 = r.get(key + "_b1_ms").getAsDouble();
    double b32 = r.get(key + "_b32_ms").getAsDouble();
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %.1f | %.0f | %s |%n",
            name,
            b1,
            b32,
            32_000 / b32,
            agrees));
  }
}
