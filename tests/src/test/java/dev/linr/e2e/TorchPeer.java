package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.ServingProperties;
import dev.linr.translate.CompiledFilters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs index models in stock PyTorch ({@code /usr/bin/python3}, {@code torch.jit.load}) through the
 * {@code torch_peer.py} script beside this class: one Python process per {@link #run}, for any
 * number of models and calls. Floats cross in both directions as bit patterns, so nothing is
 * rounded on the way.
 */
final class TorchPeer {
  private static final String SCRIPT = "torch_peer.py";
  private static final long TIMEOUT_SECONDS = 300;

  private TorchPeer() {}

  /**
   * Runs every job of {@code request} in one Python process and waits for its answer; {@code dir}
   * holds the files. Skips the calling test (a JUnit assumption) where PyTorch is not installed.
   */
  static Response run(Path dir, Request request) throws IOException, InterruptedException {
    return start(dir, request).await();
  }

  /**
   * Starts the Python process for {@code request} and returns at once, so the caller can do its own
   * work meanwhile (DJL searches, the brute force); {@link Pending#await()} collects the answer.
   * Skips the calling test where PyTorch is not installed.
   */
  static Pending start(Path dir, Request request) throws IOException {
    PythonTorch.assumeAvailable();
    PythonTorch.Started started =
        PythonTorch.start(TorchPeer.class, SCRIPT, dir, "torch-peer", request.json.toString());
    return new Pending(started.process(), started.responseFile(), started.log());
  }

  /** A running Python process; closing it before {@link #await()} stops it. */
  static final class Pending implements AutoCloseable {
    private final Process process;
    private final Path responseFile;
    private final Path log;

    private Pending(Process process, Path responseFile, Path log) {
      this.process = process;
      this.responseFile = responseFile;
      this.log = log;
    }

    /** Waits for the script and parses its answer; fails with its stderr if it failed. */
    Response await() throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "torch_peer.py ran longer than " + TIMEOUT_SECONDS + " s:\n" + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "torch_peer.py failed with exit code " + process.exitValue() + ":\n" + tail(log));
      }
      JsonObject o =
          JsonParser.parseString(Files.readString(responseFile, StandardCharsets.UTF_8))
              .getAsJsonObject();
      return new Response(o);
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static String tail(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
  }

  /** What to run: a list of jobs, one per model file. */
  static final class Request {
    private final JsonObject json = new JsonObject();
    private final JsonArray jobs = new JsonArray();

    Request() {
      json.add("jobs", jobs);
    }

    /**
     * Adds a job for {@code model} (a {@code .pt} file in an archive folder); jobs answer in the
     * order added. The automatic search path uses the archive's {@code compactThreshold}, as DJL
     * does.
     */
    Job job(String name, Path model) throws IOException {
      JsonObject o = new JsonObject();
      o.addProperty("name", name);
      o.addProperty("model", model.toAbsolutePath().toString());
      String threshold = ServingProperties.read(model.getParent()).get("compactThreshold");
      if (threshold != null) {
        o.addProperty("compact_threshold", Double.parseDouble(threshold));
      }
      o.add("calls", new JsonArray());
      jobs.add(o);
      return new Job(o);
    }
  }

  /** One model: optional buffer inspection and any number of forward calls. */
  static final class Job {
    private final JsonObject json;

    private Job(JsonObject json) {
      this.json = json;
    }

    /** Also report every buffer (content as bit patterns, plus float64 sums). */
    Job inspect() {
      json.addProperty("inspect", true);
      return this;
    }

    /** Also run every call with {@code self.chunk_rows} set to each of these values. */
    Job chunkRows(int... rows) {
      JsonArray a = new JsonArray();
      for (int r : rows) {
        a.add(r);
      }
      json.add("chunk_rows", a);
      return this;
    }

    /** One forward pass: every query with the same k, no allow mask. */
    Job call(int k, List<float[]> queries) {
      int[] keep = new int[queries.size()];
      java.util.Arrays.fill(keep, k);
      return call(k, keep, queries, null, 0);
    }

    /**
     * One forward pass.
     *
     * @param k the model's k input (the batch's largest k)
     * @param keep per query, the hits to keep (the request's own k)
     * @param allow one slot set per query, or null for no mask
     * @param capacity the mask width (the model's capacity)
     */
    Job call(int k, int[] keep, List<float[]> queries, List<BitSet> allow, long capacity) {
      return call(k, keep, queries, allow, capacity, null);
    }

    /**
     * One forward pass with the batch's compiled filter programs.
     *
     * @param k the model's k input (the batch's largest k)
     * @param keep per query, the hits to keep (the request's own k)
     * @param allow one slot set per query, or null for no mask
     * @param capacity the mask width (the model's capacity)
     * @param filters the {@code filter_ops}, {@code filter_ints} and {@code filter_floats} inputs
     *     exactly as the translator sends them ({@link CompiledFilters#compile}), or null for the
     *     empty program (every query passes its alive items)
     */
    Job call(
        int k,
        int[] keep,
        List<float[]> queries,
        List<BitSet> allow,
        long capacity,
        CompiledFilters filters) {
      JsonObject c = new JsonObject();
      c.addProperty("k", k);
      JsonArray keeps = new JsonArray();
      for (int x : keep) {
        keeps.add(x);
      }
      c.add("keep", keeps);
      c.addProperty("dimension", queries.get(0).length);
      JsonArray q = new JsonArray();
      for (float[] v : queries) {
        for (float x : v) {
          q.add(Float.floatToRawIntBits(x));
        }
      }
      c.add("queries", q);
      if (allow == null) {
        c.add("allow", JsonNull.INSTANCE);
      } else {
        JsonObject a = new JsonObject();
        a.addProperty("rows", allow.size());
        a.addProperty("capacity", capacity);
        JsonArray rows = new JsonArray();
        for (BitSet set : allow) {
          JsonArray slots = new JsonArray();
          set.stream().filter(s -> s < capacity).forEach(slots::add);
          rows.add(slots);
        }
        a.add("slots", rows);
        c.add("allow", a);
      }
      if (filters != null) {
        c.add("filter", PythonTorch.filterJson(filters));
      }
      json.getAsJsonArray("calls").add(c);
      return this;
    }
  }

  /** The script's answer. */
  static final class Response {
    final JsonObject json;

    Response(JsonObject json) {
      this.json = json;
    }

    String torchVersion() {
      return json.get("torch_version").getAsString();
    }

    JsonObject job(int index) {
      return json.getAsJsonArray("jobs").get(index).getAsJsonObject();
    }

    /** The variants of one call of one job (stored model, chunk overrides, forced paths). */
    List<Variant> variants(int job, int call) {
      JsonObject c = job(job).getAsJsonArray("calls").get(call).getAsJsonObject();
      List<Variant> out = new ArrayList<>();
      for (JsonElement e : c.getAsJsonArray("variants")) {
        out.add(Variant.of(e.getAsJsonObject()));
      }
      return out;
    }

    JsonObject inspection(int job) {
      return job(job).getAsJsonObject("inspect");
    }
  }

  /** One decoded forward pass. */
  record Variant(
      String label,
      int width,
      List<String> dtypes,
      List<long[]> shapes,
      Integer path,
      List<Row> rows) {
    static Variant of(JsonObject o) {
      List<String> dtypes = new ArrayList<>();
      o.getAsJsonArray("dtypes").forEach(e -> dtypes.add(e.getAsString()));
      List<long[]> shapes = new ArrayList<>();
      o.getAsJsonArray("shapes").forEach(e -> shapes.add(longs(e.getAsJsonArray())));
      List<Row> rows = new ArrayList<>();
      for (JsonElement e : o.getAsJsonArray("rows")) {
        JsonObject r = e.getAsJsonObject();
        long[] slots = longs(r.getAsJsonArray("slots"));
        long[] ids = longs(r.getAsJsonArray("ids"));
        long[] bits = longs(r.getAsJsonArray("scores"));
        float[] scores = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
          scores[i] = Float.intBitsToFloat((int) bits[i]);
        }
        assertEquals(slots.length, ids.length, "slots and ids of one row");
        assertEquals(slots.length, scores.length, "slots and scores of one row");
        rows.add(new Row(r.get("matched").getAsLong(), slots, ids, scores));
      }
      JsonElement path = o.get("path");
      return new Variant(
          o.get("label").getAsString(),
          o.get("width").getAsInt(),
          dtypes,
          shapes,
          path == null || path.isJsonNull() ? null : path.getAsInt(),
          rows);
    }
  }

  /** One query's decoded hits: the first min(k, k', matched) entries of its output row. */
  record Row(long matched, long[] slots, long[] ids, float[] scores) {
    int size() {
      return slots.length;
    }
  }

  static long[] longs(JsonArray a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsLong();
    }
    return out;
  }
}
