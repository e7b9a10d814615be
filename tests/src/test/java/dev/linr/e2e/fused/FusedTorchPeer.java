package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.e2e.PythonTorch;
import dev.linr.rank.FusedContext;
import dev.linr.rank.FusedRequest;
import dev.linr.translate.CompiledFilters;
import dev.linr.translate.SearchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fused model in stock PyTorch ({@code /usr/bin/python3}, {@code torch.jit.load}) through
 * {@code fused_peer.py}: one Python process per {@link #run}. Floats cross as bit patterns.
 */
final class FusedTorchPeer {
  private static final String SCRIPT = "fused_peer.py";
  private static final long TIMEOUT_SECONDS = 300;

  private final JsonObject request = new JsonObject();
  private final JsonArray calls = new JsonArray();
  private final FusedContext context;

  /** A peer for the fused archive {@code modelFile} (its {@code .pt}). */
  FusedTorchPeer(Path modelFile, FusedContext context) {
    this.context = context;
    request.addProperty("model", modelFile.toAbsolutePath().toString());
    request.add("calls", calls);
  }

  /** Adds one forward pass over {@code requests}, with the translator's inputs for them. */
  FusedTorchPeer call(List<FusedRequest> requests, SearchOptions options) {
    JsonObject c = new JsonObject();
    int dimension = context.index().schema().dimension();
    c.addProperty("dimension", dimension);
    JsonArray queries = new JsonArray();
    JsonArray ks = new JsonArray();
    JsonArray ns = new JsonArray();
    List<String> filters = new ArrayList<>();
    for (FusedRequest r : requests) {
      for (float x : r.vector()) {
        queries.add(Float.floatToRawIntBits(x));
      }
      ks.add(r.k());
      ns.add(r.n());
      filters.add(r.search().filter().orElse(null));
    }
    c.add("queries", queries);
    c.add("k", ks);
    c.add("n", ns);
    c.add("filter", PythonTorch.filterJson(CompiledFilters.compile(context.index(), filters)));
    JsonArray o = new JsonArray();
    o.add(options.compactThreshold());
    // The model's forced-path codes: -1 automatic, 0 masked, 1 compact.
    o.add(
        switch (options.path()) {
          case MASKED -> 0;
          case COMPACT -> 1;
          default -> -1;
        });
    c.add("options", o);
    calls.add(c);
    return this;
  }

  /** One decoded row: a query's valid hits. */
  record Row(long matched, float[] scores, float[] retrieval, long[] slots, long[] ids) {}

  /** One decoded forward pass. */
  record Call(int path, List<long[]> shapes, List<String> dtypes, List<Row> rows) {}

  /** The script's answer: torch version, module class, forward's argument names and the calls. */
  record Response(
      String torchVersion, String className, List<String> arguments, List<Call> calls) {}

  /** Runs every call in one Python process; {@code dir} holds the files. */
  Response run(Path dir) throws IOException, InterruptedException {
    PythonTorch.Started started =
        PythonTorch.start(FusedTorchPeer.class, SCRIPT, dir, "fused-peer", request.toString());
    Process p = started.process();
    Path responseFile = started.responseFile();
    Path log = started.log();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(SCRIPT + " ran longer than " + TIMEOUT_SECONDS + " s");
    }
    assertEquals(0, p.exitValue(), () -> SCRIPT + " failed:\n" + read(log));
    return parse(
        JsonParser.parseString(Files.readString(responseFile, StandardCharsets.UTF_8))
            .getAsJsonObject());
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Response parse(JsonObject o) {
    List<String> arguments = new ArrayList<>();
    o.getAsJsonArray("arguments").forEach(e -> arguments.add(e.getAsString()));
    List<Call> calls = new ArrayList<>();
    for (var e : o.getAsJsonArray("calls")) {
      JsonObject c = e.getAsJsonObject();
      List<long[]> shapes = new ArrayList<>();
      c.getAsJsonArray("shapes").forEach(s -> shapes.add(longs(s.getAsJsonArray())));
      List<String> dtypes = new ArrayList<>();
      c.getAsJsonArray("dtypes").forEach(s -> dtypes.add(s.getAsString()));
      List<Row> rows = new ArrayList<>();
      for (var r : c.getAsJsonArray("rows")) {
        JsonObject row = r.getAsJsonObject();
        rows.add(
            new Row(
                row.get("matched").getAsLong(),
                floats(row.getAsJsonArray("scores")),
                floats(row.getAsJsonArray("retrieval")),
                longs(row.getAsJsonArray("slots")),
                longs(row.getAsJsonArray("ids"))));
      }
      calls.add(new Call(c.get("path").getAsInt(), shapes, dtypes, rows));
    }
    return new Response(
        o.get("torch_version").getAsString(), o.get("class").getAsString(), arguments, calls);
  }

  private static long[] longs(JsonArray a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsLong();
    }
    return out;
  }

  private static float[] floats(JsonArray a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat(a.get(i).getAsInt());
    }
    return out;
  }
}
