package dev.linr.bench;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load cells of the updates benchmark against one server: the query clients alone (the
 * baseline), with an open-loop updater at a target rate, and with closed-loop updaters (the
 * sustained maximum). Each cell is a JSON object with the queries' {@link LoadResult}, their
 * sampled answers' tally and, under updates, the updates' {@link LoadResult}, {@link UpdateTally}
 * and the item updates per second achieved. Queries run on {@link ClosedLoop}'s clients, updates on
 * a named background thread. Not thread-safe: one cell at a time.
 */
final class UpdateCells {
  private final UpdatesBench.Options o;
  private final HttpLoad http;
  private final byte[][] bodies;
  private final AnswerCheck reference;
  private final UpdateStream stream;
  private final AtomicLong nextRequest;
  private final UpdateTally all;
  private final String queryPath = "/predictions/" + UpdatesBench.INDEX;
  private final String itemsPath = "/indexes/" + UpdatesBench.INDEX + "/items";
  private final String deletePath = "/indexes/" + UpdatesBench.INDEX + "/items/delete";

  /**
   * @param bodies the query request bodies, the first {@link ServeBench#SAMPLES} of them sampled
   * @param reference the reference answers of the sampled queries
   * @param nextRequest the next request number of {@code stream} (shared with later updaters)
   * @param all every update's answer is also counted here
   */
  UpdateCells(
      UpdatesBench.Options o,
      HttpLoad http,
      byte[][] bodies,
      AnswerCheck reference,
      UpdateStream stream,
      AtomicLong nextRequest,
      UpdateTally all) {
    this.o = o;
    this.http = http;
    this.bodies = bodies;
    this.reference = reference;
    this.stream = stream;
    this.nextRequest = nextRequest;
    this.all = all;
  }

  JsonObject baseline() throws Exception {
    AnswerCheck check = reference.fresh();
    LoadResult q = queries("queries-rate-0", check);
    JsonObject cell = new JsonObject();
    cell.addProperty("load", "rate");
    cell.addProperty("target_updates_per_s", 0);
    cell.addProperty("achieved_updates_per_s", 0.0);
    cell.add("queries", side(q, check));
    log("0 updates/s", cell);
    return cell;
  }

  JsonObject atRate(int rate) throws Exception {
    UpdateTally tally = new UpdateTally();
    double requestsPerSecond = (double) rate / o.batch();
    JsonObject cell =
        concurrently(
            "rate-" + rate,
            tally,
            () ->
                OpenLoop.run(
                    "updates-rate-" + rate,
                    requestsPerSecond,
                    o.senders(),
                    Duration.ofSeconds(o.warmup()),
                    Duration.ofSeconds(o.duration()),
                    i -> update(tally)));
    cell.addProperty("load", "rate");
    cell.addProperty("target_updates_per_s", rate);
    log(String.format(Locale.ROOT, "%,d updates/s", rate), cell);
    return cell;
  }

  JsonObject sustained() throws Exception {
    UpdateTally tally = new UpdateTally();
    JsonObject cell =
        concurrently(
            "max",
            tally,
            () ->
                ClosedLoop.run(
                    "updates-max",
                    o.updaters(),
                    Duration.ofSeconds(o.warmup()),
                    Duration.ofSeconds(o.duration()),
                    i -> update(tally)));
    cell.addProperty("load", "max");
    cell.addProperty("updaters", o.updaters());
    log("sustained maximum (" + o.updaters() + " closed-loop updaters)", cell);
    return cell;
  }

  /** The query clients in this thread while {@code updater} runs on a named thread. */
  private JsonObject concurrently(String name, UpdateTally tally, Callable<LoadResult> updater)
      throws Exception {
    AnswerCheck check = reference.fresh();
    ExecutorService background =
        Executors.newSingleThreadExecutor(ClosedLoop.named("updates-load-" + name + "-"));
    LoadResult q;
    LoadResult u;
    try {
      Future<LoadResult> updates = background.submit(updater);
      q = queries("queries-" + name, check);
      try {
        u = updates.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception c ? c : e;
      }
    } finally {
      background.shutdownNow();
    }
    JsonObject cell = new JsonObject();
    cell.addProperty("achieved_updates_per_s", u.qps() * o.batch());
    cell.add("queries", side(q, check));
    JsonObject updates = u.json();
    updates.add("tally", tally.json());
    cell.add("updates", updates);
    return cell;
  }

  private LoadResult queries(String name, AnswerCheck check) throws Exception {
    return ClosedLoop.run(
        name,
        o.concurrency(),
        Duration.ofSeconds(o.warmup()),
        Duration.ofSeconds(o.duration()),
        i -> {
          int q = i % bodies.length;
          check.index(q, http.postJson(queryPath, bodies[q]));
        });
  }

  private void update(UpdateTally tally) throws Exception {
    UpdateStream.Batch b = stream.batch(nextRequest.getAndIncrement());
    String answer =
        b.isDelete()
            ? http.postJson(deletePath, b.body())
            : http.post(itemsPath, "application/x-ndjson", b.body());
    tally.http(b, answer);
    all.http(b, answer);
  }

  private static JsonObject side(LoadResult r, AnswerCheck check) {
    JsonObject j = r.json();
    j.add("answers", check.json());
    return j;
  }

  private static void log(String what, JsonObject cell) {
    JsonObject q = cell.getAsJsonObject("queries");
    JsonObject u = cell.has("updates") ? cell.getAsJsonObject("updates") : null;
    UpdatesBench.log(
        String.format(
            Locale.ROOT,
            "%s: %,.0f updates/s achieved%s; queries %.1f q/s, p50 %.1f ms, p99 %.1f ms;"
                + " answers %s/%s",
            what,
            cell.get("achieved_updates_per_s").getAsDouble(),
            u == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (update requests p50 %.1f ms, p99 %.1f ms)",
                    u.get("p50_ms").getAsDouble(),
                    u.get("p99_ms").getAsDouble()),
            q.get("qps").getAsDouble(),
            q.get("p50_ms").getAsDouble(),
            q.get("p99_ms").getAsDouble(),
            q.getAsJsonObject("answers").get("agreed"),
            q.getAsJsonObject("answers").get("checked")));
  }
}
