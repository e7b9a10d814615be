package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The filtered-search goal: linr's exact search at or above Lucene HNSW's throughput (two calling
 * threads against Lucene's two searching threads) and B=1 latency, at pass rates of at most {@link
 * #MAX_PASS_RATE}. Each form compares a figure of linr's round object (as {@link FilterBench}
 * writes it: {@code auto} and the {@code own_filters_*} figures) with Lucene's of the same round.
 */
enum FilterGoal {
  SHARED_B32("batches of 32 sharing a filter", "auto", "b32_qps_2_callers", false),
  OWN_B32("a filter per query, B=32", null, "own_filters_b32_qps_2_callers", false),
  OWN_B128("a filter per query, B=128", null, "own_filters_b128_qps_2_callers", false),
  ONE_AT_A_TIME("one query at a time", "auto", "b1_qps_2_callers", false),
  B1_LATENCY("B=1 latency", "auto", "b1_ms", true);

  /** The goal holds at pass rates up to this one (1%). */
  static final double MAX_PASS_RATE = 0.01;

  private final String label;
  private final String path;
  private final String key;
  private final boolean latency;

  FilterGoal(String label, String path, String key, boolean latency) {
    this.label = label;
    this.path = path;
    this.key = key;
    this.latency = latency;
  }

  String label() {
    return label;
  }

  /** Whether the goal applies at {@code passRate}. */
  static boolean applies(double passRate) {
    return passRate <= MAX_PASS_RATE + 1e-12;
  }

  /**
   * linr against Lucene in one round: linr's queries per second over Lucene's two-thread figure, or
   * Lucene's B=1 milliseconds over linr's; above 1, linr is ahead.
   */
  double ratio(JsonObject linr, JsonObject lucene) {
    JsonObject at = path == null ? linr : linr.getAsJsonObject(path);
    if (at == null || !at.has(key)) {
      throw new IllegalArgumentException(
          "linr's round lacks " + (path == null ? "" : path + ".") + key);
    }
    double ours = at.get(key).getAsDouble();
    return latency
        ? lucene.get("b1_ms").getAsDouble() / ours
        : ours / lucene.get("qps_2_threads").getAsDouble();
  }

  /** This form's ratio in every round: {@code {"per_round": [...], "median": m}}. */
  JsonObject ratios(JsonArray linrRounds, JsonArray luceneRounds) {
    double[] r = new double[linrRounds.size()];
    JsonArray each = new JsonArray();
    for (int i = 0; i < r.length; i++) {
      r[i] = ratio(linrRounds.get(i).getAsJsonObject(), luceneRounds.get(i).getAsJsonObject());
      each.add(r[i]);
    }
    JsonObject out = new JsonObject();
    out.add("per_round", each);
    out.addProperty("median", Timing.median(r));
    return out;
  }
}
