package dev.linr.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/** The serving benchmark's markdown tables (for BENCHMARKS.md), and its answer-check verdict. */
final class ServeReport {
  private ServeReport() {}

  static String tables(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d x %d float32, dot, k = %d; %s; %s. Closed loop: each client thread sends its next"
                + " request when the previous one answers; %d s measured per cell after %d s of"
                + " warm-up, %d distinct queries. 1-minute load average %.1f at the start, %.1f at"
                + " the end.%n%n",
            r.get("items").getAsLong(),
            r.get("dim").getAsInt(),
            r.get("k").getAsInt(),
            r.get("machine").getAsString(),
            r.get("date").getAsString(),
            r.get("duration_s").getAsInt(),
            r.get("warmup_s").getAsInt(),
            r.get("queries").getAsInt(),
            r.get("load_average_start").getAsDouble(),
            r.get("load_average_end").getAsDouble()));
    sb.append(
        "| batching | concurrency | HTTP q/s | HTTP p50 ms | HTTP p99 ms | direct q/s | direct p50"
            + " ms | direct p99 ms | HTTP / direct q/s | jobs per batch HTTP / direct | server ms"
            + " per request | requests HTTP / direct | load avg | answers agree |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonElement e : r.getAsJsonArray("index")) {
      JsonObject c = e.getAsJsonObject();
      JsonObject http = c.getAsJsonObject("http");
      JsonObject direct = c.getAsJsonObject("direct");
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f | %.1f / %.1f | %.1f |"
                  + " %d / %d | %.1f | %s |%n",
              batching(c),
              c.get("concurrency").getAsInt(),
              http.get("qps").getAsDouble(),
              http.get("p50_ms").getAsDouble(),
              http.get("p99_ms").getAsDouble(),
              direct.get("qps").getAsDouble(),
              direct.get("p50_ms").getAsDouble(),
              direct.get("p99_ms").getAsDouble(),
              c.get("qps_ratio_http_over_direct").getAsDouble(),
              server(http, "mean_batch_size"),
              server(direct, "mean_batch_size"),
              server(http, "server_mean_request_ms"),
              http.get("requests").getAsLong(),
              direct.get("requests").getAsLong(),
              http.get("load_average").getAsDouble(),
              agree(http) + ", " + agree(direct)));
    }
    sb.append(
        "\nHTTP: the server in its own JVM, `POST /predictions/<model>` from"
            + " java.net.http.HttpClient (HTTP/1.1, keep-alive). Direct: the same model queue,"
            + " batching and in-process LinrIndex, invoked in the benchmark's JVM without"
            + " HTTP. Jobs per batch and the server's time per request (received to written,"
            + " from the server's own metrics) are means over the whole cell, warm-up"
            + " included.\n\n");
    if (r.has("feed")) {
      sb.append(
          "| concurrency | workflow q/s | workflow p50 ms | workflow p99 ms | fused q/s | fused p50"
              + " ms | fused p99 ms | fused / workflow q/s | server ms per request workflow /"
              + " fused | load avg |\n");
      sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (JsonElement e : r.getAsJsonArray("feed")) {
        JsonObject c = e.getAsJsonObject();
        JsonObject w = c.getAsJsonObject("workflow");
        JsonObject f = c.getAsJsonObject("fused");
        sb.append(
            String.format(
                Locale.ROOT,
                "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2fx | %.1f / %.1f | %.1f |%n",
                c.get("concurrency").getAsInt(),
                w.get("qps").getAsDouble(),
                w.get("p50_ms").getAsDouble(),
                w.get("p99_ms").getAsDouble(),
                f.get("qps").getAsDouble(),
                f.get("p50_ms").getAsDouble(),
                f.get("p99_ms").getAsDouble(),
                f.get("qps").getAsDouble() / w.get("qps").getAsDouble(),
                server(w, "server_mean_request_ms"),
                server(f, "server_mean_request_ms"),
                w.get("load_average").getAsDouble()));
      }
      JsonObject agree = r.getAsJsonObject("feed_vs_fused_answers");
      sb.append(
          String.format(
              Locale.ROOT,
              "%nWorkflow `feed` (retrieve the top 100 with vectors and attributes, rank them with"
                  + " the ONNX ranker, answer the top 10) against the fused TorchScript model"
                  + " `%s` (the same retrieval and ranker in one graph), both `batch_size` 1. Their"
                  + " answers (ids in order, scores within %.0e) agree on %d of %d sampled"
                  + " queries.%n",
              ServeStore.FUSED,
              AnswerCheck.RANKER_TOLERANCE,
              agree.get("agreed").getAsLong(),
              agree.get("checked").getAsLong()));
    }
    return sb.toString();
  }

  private static double server(JsonObject side, String field) {
    JsonObject s = side.getAsJsonObject("server");
    return s.has(field) ? s.get(field).getAsDouble() : Double.NaN;
  }

  private static String batching(JsonObject cell) {
    int batch = cell.get("batch_size").getAsInt();
    return batch == 1
        ? "none (batch_size 1)"
        : String.format(
            Locale.ROOT,
            "batch_size %d, max_batch_delay %d ms",
            batch,
            cell.get("max_batch_delay_ms").getAsInt());
  }

  /** "agreed/checked" of a side's {@code answers} tally. */
  static String agree(JsonObject side) {
    JsonObject a = side.getAsJsonObject("answers");
    return a.get("agreed").getAsLong() + "/" + a.get("checked").getAsLong();
  }

  /** The first sampled answer that disagreed with its reference, or null if all agreed. */
  static String disagreement(JsonObject r) {
    if (r.has("index")) {
      for (JsonElement e : r.getAsJsonArray("index")) {
        JsonObject c = e.getAsJsonObject();
        for (String side : new String[] {"http", "direct"}) {
          String m = mismatch(c.getAsJsonObject(side).getAsJsonObject("answers"));
          if (m != null) {
            return String.format(
                Locale.ROOT,
                "%s, batch_size %d, concurrency %d: %s",
                side,
                c.get("batch_size").getAsInt(),
                c.get("concurrency").getAsInt(),
                m);
          }
        }
      }
    }
    if (r.has("feed_vs_fused_answers")) {
      String m = mismatch(r.getAsJsonObject("feed_vs_fused_answers"));
      if (m != null) {
        return "workflow against fused model: " + m;
      }
    }
    return null;
  }

  /** "n of m disagree, first ..." for an {@link AnswerCheck#json()} tally, or null if all agree. */
  static String mismatch(JsonObject answers) {
    if (answers.get("agreed").getAsLong() == answers.get("checked").getAsLong()) {
      return null;
    }
    return (answers.get("checked").getAsLong() - answers.get("agreed").getAsLong())
        + " of "
        + answers.get("checked").getAsLong()
        + " disagree, first "
        + (answers.has("first_mismatch") ? answers.get("first_mismatch").getAsString() : "?");
  }
}
