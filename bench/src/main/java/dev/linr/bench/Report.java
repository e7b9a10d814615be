package dev.linr.bench;

import com.google.gson.JsonElement;
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
    sb.append(
        "| engine | B=1 ms (median) | B=32 ms per batch | B=32 queries/s | linr speedup B=1 |"
            + " linr speedup B=32 | same top-10 |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
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
            "%nBuild: %.1f s, %,d items/s, peak heap %d MB, model %.0f MB (zip64: %s). Scan at B=1:"
                + " %.1f GB/s"
                + " of %.1f GB/s measured read bandwidth (%.0f%%). B=32: %.1f GFLOP/s%s.%n",
            r.get("build_s").getAsDouble(),
            r.get("build_items_per_s").getAsLong(),
            r.get("build_peak_heap_mb").getAsLong(),
            r.get("model_bytes").getAsLong() / 1e6,
            r.has("zip64") && r.get("zip64").getAsBoolean() ? "yes" : "no",
            r.get("linr_b1_gb_per_s").getAsDouble(),
            r.get("read_bandwidth_gb_per_s").getAsDouble(),
            100
                * r.get("linr_b1_gb_per_s").getAsDouble()
                / r.get("read_bandwidth_gb_per_s").getAsDouble(),
            r.get("linr_b32_gflop_per_s").getAsDouble(),
            computeLimit(r)));
    return sb.toString();
  }

  /** ", 40% of the compute limit (...)" where the run measured libtorch's matmul, else "". */
  static String computeLimit(JsonObject r) {
    if (!r.has("linr_b32_fraction_of_matmul")) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " = %.0f%% of the compute limit (libtorch matmul [32, %d] x [%d, %,d] float32 through DJL:"
            + " %.1f GFLOP/s; at B=256 %.1f GFLOP/s)",
        100 * r.get("linr_b32_fraction_of_matmul").getAsDouble(),
        r.get("dim").getAsInt(),
        r.get("dim").getAsInt(),
        r.get("matmul_probe_items").getAsLong(),
        r.get("matmul_b32_gflop_per_s").getAsDouble(),
        r.get("matmul_b256_gflop_per_s").getAsDouble());
  }

  /** The filtered benchmark: speed by pass rate, then recall by pass rate. */
  static String filterTable(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d x %d float32, cosine, k = 10, %d queries, filter `bucket < t` (exact pass"
                + " rates); %s%n%n",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("queries").getAsInt(),
            r.get("machine").getAsString()));
    sb.append(
        "| pass rate | matched | linr masked B=1 ms | linr compact B=1 ms | linr auto B=1 ms"
            + " | Lucene HNSW B=1 ms | linr auto vs Lucene, B=1 |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject linr = o.getAsJsonObject("linr");
      JsonObject lucene = o.getAsJsonObject("lucene");
      double auto = ms(linr, "auto");
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.2f | %.2f | %.2f (%s) | %.2f | %s |%n",
              o.get("label").getAsString(),
              o.get("matched").getAsLong(),
              ms(linr, "masked"),
              ms(linr, "compact"),
              auto,
              linr.getAsJsonObject("auto").get("b1_ran").getAsString(),
              lucene.get("b1_ms").getAsDouble(),
              ratio(lucene.get("b1_ms").getAsDouble() / auto)));
    }
    sb.append(
        "\nQueries per second, from one calling thread / from two (as a server with two workers"
            + " runs them); Lucene searches from two threads.\n\n"
            + "| pass rate | linr masked B=32 | linr compact B=32 | linr auto B=1 | linr auto"
            + " B=32, one filter | linr auto B=32, a filter per query | linr auto B=128, a filter"
            + " per query | Lucene 2 threads |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject linr = o.getAsJsonObject("linr");
      JsonObject auto = linr.getAsJsonObject("auto");
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %.0f |%n",
              o.get("label").getAsString(),
              callers(linr.getAsJsonObject("masked"), "b32_qps"),
              callers(linr.getAsJsonObject("compact"), "b32_qps"),
              callers(auto, "b1_qps"),
              callers(auto, "b32_qps"),
              callers(linr, "own_filters_b32_qps"),
              callers(linr, "own_filters_b128_qps"),
              o.getAsJsonObject("lucene").get("qps_2_threads").getAsDouble()));
    }
    goalTable(sb, r);
    floorTable(sb, r);
    sb.append(
        "\n| pass rate | linr (every path) | linr vs plain-Java brute force | Lucene HNSW"
            + " recall@10 | post-filter k'=100 recall | post-filter k'=1000 recall |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject post = o.getAsJsonObject("postfilter");
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d/%d agree | %.3f | %.3f | %.3f |%n",
              o.get("label").getAsString(),
              o.get("paths_agree").getAsBoolean() ? "exact, paths agree" : "PATHS DISAGREE",
              o.get("brute_force_agrees").getAsInt(),
              o.get("brute_force_checked").getAsInt(),
              o.getAsJsonObject("lucene").get("recall_at_10").getAsDouble(),
              post.get("k100_recall").getAsDouble(),
              post.get("k1000_recall").getAsDouble()));
    }
    JsonObject pb = r.getAsJsonObject("postfilter_b1_ms");
    sb.append(
        String.format(
            Locale.ROOT,
            "%nBuild: linr %.1f s; Lucene HNSW (M=%d, beamWidth=%d, one indexing thread) %.1f s,"
                + " %d segment(s). Post-filter peer B=1 (unfiltered linr top-k'): %.2f ms at"
                + " k'=100, %.2f ms at k'=1000. %s 1-minute load average %.1f at the start, %.1f"
                + " at the end (other work sharing the cores).%n",
            r.get("linr_build_s").getAsDouble(),
            r.get("lucene_m").getAsInt(),
            r.get("lucene_beam_width").getAsInt(),
            r.get("lucene_build_s").getAsDouble(),
            r.get("lucene_segments").getAsInt(),
            pb.get("k100").getAsDouble(),
            pb.get("k1000").getAsDouble(),
            r.get("lucene_note").getAsString(),
            r.get("load_average_start").getAsDouble(),
            r.get("load_average_end").getAsDouble()));
    return sb.toString();
  }

  /**
   * The filtered goal ({@link FilterGoal}) per pass rate and form: linr's figure over Lucene's of
   * the same round, the median over the rounds and their range, with the verdict where the goal
   * applies. Runs without rounds (older results) have no such table.
   */
  private static void goalTable(StringBuilder sb, JsonObject r) {
    if (!r.has("rounds")) {
      return;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nlinr against Lucene, each ratio taken within one of %d alternating rounds (median,"
                + " range; above 1 linr is ahead); the goal, at or above Lucene, applies at pass"
                + " rates up to 1%%.%n%n| pass rate |",
            r.get("rounds").getAsInt()));
    StringBuilder rule = new StringBuilder("|---|");
    for (FilterGoal form : FilterGoal.values()) {
      sb.append(' ').append(form.label()).append(" |");
      rule.append("---|");
    }
    sb.append('\n').append(rule).append('\n');
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject vs = o.getAsJsonObject("vs_lucene");
      boolean applies = FilterGoal.applies(o.get("pass_rate").getAsDouble());
      sb.append("| ").append(o.get("label").getAsString()).append(" |");
      for (FilterGoal form : FilterGoal.values()) {
        JsonObject f = vs.getAsJsonObject(form.name().toLowerCase(Locale.ROOT));
        double median = f.get("median").getAsDouble();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (JsonElement x : f.getAsJsonArray("per_round")) {
          lo = Math.min(lo, x.getAsDouble());
          hi = Math.max(hi, x.getAsDouble());
        }
        String verdict = !applies ? "" : median >= 1 ? "met, " : "missed, ";
        sb.append(String.format(Locale.ROOT, " %s%.2fx (%.2f-%.2f) |", verdict, median, lo, hi));
      }
      sb.append('\n');
    }
  }

  /**
   * Where the goal applies: linr's and Lucene's B=1 searches against the floor of an answer through
   * a model ({@link ModelCallFloor}), linr's time beyond it counted in small operators. Runs
   * without the floor (older results) have no such table.
   */
  private static void floorTable(StringBuilder sb, JsonObject r) {
    if (!ModelCallFloor.Floor.in(r)) {
      return;
    }
    ModelCallFloor.Floor floor = ModelCallFloor.Floor.read(r);
    sb.append(
        String.format(
            Locale.ROOT,
            "%nThe floor of an answer through a model: an empty model call through DJL (the index"
                + " model's seven inputs made, five outputs read back) took %.1f us, and each small"
                + " libtorch operator %.2f us more. A search slower than Lucene's there cannot"
                + " catch up by reading or computing less, only by running fewer operators; a"
                + " Lucene search faster than the floor is out of reach of any search answered"
                + " by one model call.%n%n"
                + "| pass rate | linr auto B=1 us | beyond the floor, in small operators"
                + " | Lucene HNSW B=1 us | Lucene against the floor |%n|---|---|---|---|---|%n",
            floor.callUs(),
            floor.operatorUs()));
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      if (!FilterGoal.applies(o.get("pass_rate").getAsDouble())) {
        continue;
      }
      double linr = 1000 * ms(o.getAsJsonObject("linr"), "auto");
      double lucene = 1000 * o.getAsJsonObject("lucene").get("b1_ms").getAsDouble();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.0f | %.2fx the floor%s |%n",
              o.get("label").getAsString(),
              linr,
              floor.operatorsBeyond(linr),
              lucene,
              lucene / floor.callUs(),
              lucene < floor.callUs() ? ": below it" : ""));
    }
  }

  /**
   * The dataset benchmark: per filter, its measured pass rate, linr's speed, the brute force's
   * agreement, Lucene's speed and recall and post-filtering's recall; then builds and PyTorch.
   */
  static String datasetTable(JsonObject r) {
    boolean lucene = r.has("lucene_build_s");
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s: %,d x %d float32, %s, k = 10, %d queries; %s%n%n",
            r.get("dataset").getAsString(),
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("metric").getAsString(),
            r.get("queries").getAsInt(),
            r.get("machine").getAsString()));
    sb.append(
        "| filter | pass rate | matched | linr B=1 ms (path) | linr B=32 q/s, 1 / 2 callers"
            + " | plain-Java brute force B=1 ms | linr = brute force | Lucene HNSW B=1 ms"
            + " | Lucene 2 threads q/s | Lucene recall@10 | post-filter k'=100 recall"
            + " | post-filter k'=1000 recall |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      JsonObject auto = o.getAsJsonObject("linr").getAsJsonObject("auto");
      JsonObject luc = o.getAsJsonObject("lucene");
      JsonObject post = o.getAsJsonObject("postfilter");
      sb.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %.2f (%s) | %s | %.2f | %d/%d identical | %s | %s | %s | %.3f |"
                  + " %.3f |%n",
              o.get("filter").getAsString(),
              percent(o.get("pass_rate").getAsDouble()),
              matched(o.get("matched").getAsLong(), o.get("passing").getAsLong()),
              auto.get("b1_ms").getAsDouble(),
              auto.get("b1_ran").getAsString(),
              callers(auto, "b32_qps"),
              o.get("brute_force_b1_ms").getAsDouble(),
              o.get("brute_force_agrees").getAsInt(),
              o.get("brute_force_checked").getAsInt(),
              figure(luc, "b1_ms", "%.2f"),
              figure(luc, "qps_2_threads", "%.0f"),
              figure(luc, "recall_at_10", "%.3f"),
              post.get("k100_recall").getAsDouble(),
              post.get("k1000_recall").getAsDouble()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nBuild: linr %.1f s (model %.0f MB)%s. ",
            r.get("linr_build_s").getAsDouble(),
            r.get("model_bytes").getAsLong() / 1e6,
            lucene
                ? String.format(
                    Locale.ROOT,
                    "; Lucene HNSW (M=%d, beamWidth=%d, one indexing thread) %.1f s, %d segment(s)",
                    r.get("lucene_m").getAsInt(),
                    r.get("lucene_beam_width").getAsInt(),
                    r.get("lucene_build_s").getAsDouble(),
                    r.get("lucene_segments").getAsInt())
                : "; Lucene not run"));
    if (r.has("torch") && r.get("torch").isJsonObject()) {
      JsonObject t = r.getAsJsonObject("torch");
      sb.append(
          String.format(
              Locale.ROOT,
              "Stock PyTorch %s on the same archive: unfiltered B=1 %.1f ms, B=32 %.1f ms per"
                  + " batch; top-10 slots identical to linr's for %d/%d (query, filter) pairs (the"
                  + " first 8 queries, unfiltered and under every filter). ",
              t.get("version").getAsString(),
              t.get("b1_ms").getAsDouble(),
              t.get("b32_ms").getAsDouble(),
              t.get("agrees").getAsInt(),
              t.get("checked").getAsInt()));
    } else {
      sb.append("Stock PyTorch not run. ");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "1-minute load average %.1f at the start, %.1f at the end.%n",
            r.get("load_average_start").getAsDouble(),
            r.get("load_average_end").getAsDouble()));
    return sb.toString();
  }

  /** linr's match count, flagged where it differs from the plain-Java count. */
  private static String matched(long linr, long java) {
    return linr == java
        ? String.format(Locale.ROOT, "%,d", linr)
        : String.format(Locale.ROOT, "%,d (JAVA COUNTS %,d)", linr, java);
  }

  /** "30.1%", "0.0120%": three significant digits. */
  static String percent(double fraction) {
    if (fraction == 0) {
      return "0%";
    }
    return new java.math.BigDecimal(fraction * 100)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  private static double ms(JsonObject linr, String path) {
    return linr.getAsJsonObject(path).get("b1_ms").getAsDouble();
  }

  /**
   * "one caller / two callers" q/s of {@code key} and {@code key_2_callers}; a figure a result file
   * lacks (older runs) is "-".
   */
  static String callers(JsonObject o, String key) {
    return optionalQps(o, key) + " / " + optionalQps(o, key + "_2_callers");
  }

  /** {@code o}'s figure {@code key} in {@code format}, or "-" where the run has no {@code o}. */
  static String figure(JsonObject o, String key, String format) {
    return o == null ? "-" : String.format(Locale.ROOT, format, o.get(key).getAsDouble());
  }

  private static String optionalQps(JsonObject o, String key) {
    return o.has(key) ? String.format(Locale.ROOT, "%,.0f", o.get(key).getAsDouble()) : "-";
  }

  /** "3.2x faster" or "2.0x slower" for a Lucene/linr latency ratio. */
  private static String ratio(double luceneOverLinr) {
    return luceneOverLinr >= 1
        ? String.format(Locale.ROOT, "%.1fx faster", luceneOverLinr)
        : String.format(Locale.ROOT, "%.1fx slower", 1 / luceneOverLinr);
  }

  private static void row(StringBuilder sb, JsonObject r, String name, String key, String agrees) {
    double b1 = r.get(key + "_b1_ms").getAsDouble();
    double b32 = r.get(key + "_b32_ms").getAsDouble();
    double linrB1 = r.get("linr_b1_ms").getAsDouble();
    double linrB32 = r.get("linr_b32_ms").getAsDouble();
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %.1f | %.0f | %.2fx | %.2fx | %s |%n",
            name,
            b1,
            b32,
            32_000 / b32,
            b1 / linrB1,
            b32 / linrB32,
            agrees));
  }
}
