package dev.linr.bench;

import com.google.gson.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model's cumulative serving counters, read from the server's Prometheus text ({@code GET
 * /server/metrics}, or {@link dev.linr.serving.metrics.ServerMetrics#render()} in process): HTTP
 * requests and their time in the server, batches, the jobs in them and their run time. The
 * difference of two readings says what the server did during a run. Immutable.
 *
 * @param requests HTTP requests answered (0 in process)
 * @param requestSeconds their summed time from request received to response written
 * @param batches batches run by the model's workers
 * @param jobs jobs in those batches
 * @param batchSeconds the batches' summed run time
 */
record ModelCounters(
    long requests, double requestSeconds, long batches, long jobs, double batchSeconds) {

  /** The counters of {@code model} in a Prometheus text exposition (zeros where absent). */
  static ModelCounters read(String prometheus, String model) {
    return new ModelCounters(
        (long) value(prometheus, "linr_request_latency_seconds_count", model),
        value(prometheus, "linr_request_latency_seconds_sum", model),
        (long) value(prometheus, "linr_batch_size_count", model),
        (long) value(prometheus, "linr_batch_size_sum", model),
        value(prometheus, "linr_batch_latency_seconds_sum", model));
  }

  private static double value(String text, String metric, String model) {
    Matcher m =
        Pattern.compile(
                "^" + Pattern.quote(metric + "{model=\"" + model + "\"}") + " ([0-9.eE+-]+)$",
                Pattern.MULTILINE)
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** What happened between {@code before} and this reading. */
  ModelCounters since(ModelCounters before) {
    return new ModelCounters(
        requests - before.requests,
        requestSeconds - before.requestSeconds,
        batches - before.batches,
        jobs - before.jobs,
        batchSeconds - before.batchSeconds);
  }

  /** Jobs per batch, 0 when no batch ran. */
  double meanBatchSize() {
    return batches == 0 ? 0 : (double) jobs / batches;
  }

  /** Means over a run (warm-up included): jobs per batch, batch time, server time per request. */
  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("batches", batches);
    o.addProperty("mean_batch_size", meanBatchSize());
    o.addProperty("mean_batch_ms", batches == 0 ? 0 : batchSeconds * 1000 / batches);
    if (requests > 0) {
      o.addProperty("server_mean_request_ms", requestSeconds * 1000 / requests);
    }
    return o;
  }
}
