package dev.linr.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The updates benchmark's markdown tables (for BENCHMARKS.md), its verdict against the goal, and
 * its answer-check verdict.
 */
final class UpdatesReport {
  /** The goal: query p99 at most this fraction above the baseline's at {@value #GOAL_RATE}/s. */
  static final double GOAL_P99_CHANGE = 0.05;

  /** The update rate (items per second) the goal is stated at. */
  static final int GOAL_RATE = 10_000;

  /** The fraction of the goal's rate a run must achieve for its verdict to count. */
  static final double GOAL_RATE_ACHIEVED = 0.95;

  private UpdatesReport() {}

  /** A cell's update load, for a table row or a chart label: "1,000" or "max". */
  static String load(JsonObject cell) {
    return cell.get("load").getAsString().equals("max")
        ? "max"
        : String.format(Locale.ROOT, "%,d", cell.get("target_updates_per_s").getAsInt());
  }

  static String tables(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d x %d float32, dot, k = %d; %s; %s. Durable index (write-ahead log forced to disk"
                + " before each update is answered; periodic snapshots and expiry sweeps off during"
                + " the cells). %d closed-loop query clients at B=1 (no dynamic batching), %d"
                + " distinct queries; update requests of %d items (per 3 requests: %d rewrites,"
                + " %d new ids, %d deletes), open loop from %d sender threads at each target rate,"
                + " closed loop from %d updaters for the maximum; %d s measured per cell after %d s"
                + " of warm-up. 1-minute load average %.1f at the start, %.1f at the end.%n%n",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("k").getAsInt(),
            r.get("machine").getAsString(),
            r.get("date").getAsString(),
            r.get("concurrency").getAsInt(),
            r.get("queries").getAsInt(),
            r.get("batch").getAsInt(),
            r.get("batch").getAsInt(),
            r.get("batch").getAsInt(),
            r.get("batch").getAsInt(),
            r.get("senders").getAsInt(),
            r.get("updaters").getAsInt(),
            r.get("duration_s").getAsInt(),
            r.get("warmup_s").getAsInt(),
            r.get("load_average_start").getAsDouble(),
            r.get("load_average_end").getAsDouble()));
    sb.append(
        "| target updates/s | achieved updates/s | update requests/s | update p50 / p99 ms |"
            + " query q/s | query p50 / p99 ms | query p99 vs baseline | load avg | answers"
            + " agree |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      JsonObject q = c.getAsJsonObject("queries");
      JsonObject u = c.has("updates") ? c.getAsJsonObject("updates") : null;
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %s | %s | %.1f | %.1f / %.1f | %s | %.1f | %s |%n",
              c.get("load").getAsString().equals("max")
                  ? "max (" + c.get("updaters").getAsInt() + " updaters)"
                  : load(c),
              c.get("achieved_updates_per_s").getAsDouble(),
              u == null ? "-" : String.format(Locale.ROOT, "%.1f", u.get("qps").getAsDouble()),
              u == null
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%.1f / %.1f",
                      u.get("p50_ms").getAsDouble(),
                      u.get("p99_ms").getAsDouble()),
              q.get("qps").getAsDouble(),
              q.get("p50_ms").getAsDouble(),
              q.get("p99_ms").getAsDouble(),
              change(c.get("query_p99_ratio").getAsDouble()),
              q.get("load_average").getAsDouble(),
              ServeReport.agree(q)));
    }
    sb.append('\n').append(goal(r)).append("\n\n");
    JsonObject updates = r.getAsJsonObject("updates");
    JsonObject status = r.getAsJsonObject("status_after_runs");
    sb.append(
        String.format(
            Locale.ROOT,
            "Over all cells: %,d update requests, %,d items upserted (%,d new), %,d deleted, %,d"
                + " deletes of ids not (yet) inserted; the server then held %,d items (capacity"
                + " %,d), exactly what the answers imply. First registration of the durable index"
                + " (writes snapshot 0): %.1f s.%n%n",
            updates.get("requests").getAsLong(),
            updates.get("upserted").getAsLong(),
            updates.get("new_items").getAsLong(),
            updates.get("deleted").getAsLong(),
            updates.get("not_found").getAsLong(),
            status.get("items").getAsLong(),
            status.get("capacity").getAsLong(),
            r.get("first_register_s").getAsDouble()));
    JsonObject served = r.getAsJsonObject("server_restart");
    sb.append(
        String.format(
            Locale.ROOT,
            "Server restart on the same data folder: /ping after %.1f s, the index registered again"
                + " (snapshot 0 + the %,d log records of the cells replayed) in %.1f s more, holding"
                + " %,d items; sampled answers agree %s.%n%n",
            served.get("start_to_ping_s").getAsDouble(),
            served.getAsJsonObject("status").get("logPosition").getAsLong(),
            served.get("register_s").getAsDouble(),
            served.getAsJsonObject("status").get("items").getAsLong(),
            ServeReport.agree(served)));
    JsonObject x = r.getAsJsonObject("restart");
    sb.append("| restart step (in process, DurableIndex) | seconds | detail |\n");
    sb.append("|---|---|---|\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "| reopen after the load runs | %.1f | snapshot 0 + %,d log records replayed |%n",
            x.get("reopen_after_run_s").getAsDouble(),
            x.get("run_log_records").getAsLong()));
    sb.append(
        String.format(
            Locale.ROOT,
            "| snapshot write | %.1f | %,d items |%n",
            x.get("snapshot_write_s").getAsDouble(),
            x.get("snapshot_items").getAsLong()));
    sb.append(
        String.format(
            Locale.ROOT,
            "| open: snapshot only | %.1f | snapshot load |%n",
            x.get("snapshot_load_s").getAsDouble()));
    sb.append(
        String.format(
            Locale.ROOT,
            "| durable updates in process | %.1f | %,d item updates in %,d batches: %,.0f"
                + " items/s |%n",
            x.get("apply_s").getAsDouble(),
            x.get("log_item_updates").getAsLong(),
            x.get("log_requests").getAsLong(),
            x.get("apply_items_per_s").getAsDouble()));
    sb.append(
        String.format(
            Locale.ROOT,
            "| **restart: snapshot + log** | **%.1f** | replay %.1f s of %,d log records (%,d"
                + " item updates): %s |%n",
            x.get("restart_s").getAsDouble(),
            x.get("replay_s").getAsDouble(),
            x.get("log_records").getAsLong(),
            x.get("log_item_updates").getAsLong(),
            x.has("replay_items_per_s")
                ? String.format(
                    Locale.ROOT, "%,.0f items/s", x.get("replay_items_per_s").getAsDouble())
                : "within the snapshot load's run-to-run noise"));
    sb.append(
        String.format(
            Locale.ROOT,
            "%nEvery reopened index held the item count the updates imply, and its sampled answers"
                + " agree with the index as built on %s.%n",
            ServeReport.agree(x)));
    return sb.toString();
  }

  /** The verdict against the goal, at {@value #GOAL_RATE}/s, or why there is none. */
  static String goal(JsonObject r) {
    for (JsonElement e : r.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      if (c.get("load").getAsString().equals("rate")
          && c.get("target_updates_per_s").getAsInt() == GOAL_RATE) {
        double change = c.get("query_p99_ratio").getAsDouble() - 1;
        double achieved = c.get("achieved_updates_per_s").getAsDouble();
        String verdict;
        if (achieved < GOAL_RATE_ACHIEVED * GOAL_RATE) {
          verdict = "**not shown** (the target rate was not reached)";
        } else {
          verdict = change < GOAL_P99_CHANGE ? "**met**" : "**missed**";
        }
        return String.format(
            Locale.ROOT,
            "Goal (query p99 under %.0f%% above the baseline at %,d updates/s): %s, %s (p99 %.1f"
                + " ms against %.1f ms; %,.0f updates/s achieved).",
            100 * GOAL_P99_CHANGE,
            GOAL_RATE,
            verdict,
            change(c.get("query_p99_ratio").getAsDouble()),
            c.getAsJsonObject("queries").get("p99_ms").getAsDouble(),
            r.get("baseline_query_p99_ms").getAsDouble(),
            achieved);
      }
    }
    return String.format(Locale.ROOT, "Goal: not evaluated (no cell at %,d updates/s).", GOAL_RATE);
  }

  /** "+3.2%" or "-1.0%" for a ratio to the baseline. */
  private static String change(double ratio) {
    return String.format(Locale.ROOT, "%+.1f%%", 100 * (ratio - 1));
  }

  /** The first sampled answer that disagreed with its reference, or null if all agreed. */
  static String disagreement(JsonObject r) {
    for (JsonElement e : r.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      String m = ServeReport.mismatch(c.getAsJsonObject("queries").getAsJsonObject("answers"));
      if (m != null) {
        return "queries at " + load(c) + " updates/s: " + m;
      }
    }
    String m = ServeReport.mismatch(r.getAsJsonObject("server_restart").getAsJsonObject("answers"));
    if (m != null) {
      return "restarted server: " + m;
    }
    m = ServeReport.mismatch(r.getAsJsonObject("restart").getAsJsonObject("answers"));
    return m == null ? null : "reopened index: " + m;
  }
}
