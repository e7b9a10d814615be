package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.index.BuildProgress;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU benchmark script {@code bench/gpu/gpu_bench.py} on CPU at a tiny size: it writes a small
 * input, the archive is built from it by the index builder, and the script replaces the archive's
 * buffers with 20,000 seeded rows and runs linr's forward next to the plain {@code q @ E.T}, {@code
 * masked_fill}, {@code topk} baseline. Skipped where {@code python3 -c 'import torch'} fails.
 */
class GpuScriptSmokeTest {
  private static final int ITEMS = 20_000;

  @TempDir static Path dir;

  private static JsonObject result;

  @BeforeAll
  static void runScriptOnCpu() throws Exception {
    PythonTorch.assumeAvailable();
    result = runOnCpu();
  }

  private static Path script() {
    Path script = Path.of("..", "bench", "gpu", "gpu_bench.py").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(script), script + " is missing");
    return script;
  }

  private static void python(Path log, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PythonTorch.PYTHON, script().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "gpu_bench.py did not finish");
    assertEquals(
        0, p.exitValue(), "gpu_bench.py failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static JsonObject runOnCpu() throws Exception {
    Path items = dir.resolve("small.jsonl");
    python(dir.resolve("items.log"), "items", items.toString(), "--items", "300", "--dim", "8");
    BuildResult built =
        IndexBuilder.builder()
            .setItems(ItemFiles.jsonl(items))
            .setOutput(dir.resolve("small"))
            .optMetric(Metric.DOT)
            .optProgress(BuildProgress.NONE)
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run();
    Path out = dir.resolve("smoke.json");
    python(
        dir.resolve("run.log"),
        "run",
        built.folder().toString(),
        "--device",
        "cpu",
        "--threads",
        "1",
        "--items",
        Integer.toString(ITEMS),
        "--dim",
        "32",
        "--dtypes",
        "float32,float16",
        "--batches",
        "1,4",
        "--k",
        "10",
        "--repeats",
        "1",
        // the same archive again, timed alongside, and a profile of each batch of 4
        "--compare",
        built.folder().toString(),
        "--profile",
        "4",
        "--out",
        out.toString());
    return JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void theScriptMeasuresTheFloorOfACallThroughItsProbeModels() {
    // The script checks each probe model's answer and fails the run if one is wrong.
    double floor = result.get("call_floor_ms").getAsDouble();
    double operator = result.get("small_operator_ms").getAsDouble();
    assertTrue(floor > 0 && floor < 100, "call floor " + floor + " ms");
    assertTrue(Double.isFinite(operator), "small operator " + operator + " ms");
  }

  @Test
  void linrForwardWithReplacedBuffersReturnsThePlainBaselinesTopKScores() throws Exception {
    JsonObject r = result;
    // 2 storage types x (3 shared pass rates + 1 per-query) x 2 batch sizes
    assertEquals(2 * 4 * 2, r.getAsJsonArray("cases").size());
    for (JsonElement e : r.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      assertTrue(c.get("scores_agree").getAsBoolean(), "top-k scores differ in " + c);
      JsonObject linr = c.getAsJsonObject("linr");
      // the script's own tie-rule reference: slots, in order, for every checked query
      assertEquals(c.get("batch").getAsInt(), linr.get("rows_checked").getAsInt(), c.toString());
      assertEquals(
          linr.get("rows_checked").getAsInt(), linr.get("rows_identical").getAsInt(), c.toString());
      // A filter the batch shares goes once, as query -1's program (the archive is of format 4).
      boolean shared = !c.get("per_query").getAsBoolean() && c.get("pass_rate").getAsDouble() < 1;
      assertEquals(shared, c.get("program_sent_once").getAsBoolean(), c.toString());
    }
    assertTrue(r.get("all_agree").getAsBoolean());
  }

  @Test
  void aComparedArchiveAndProfilesAreReported() throws Exception {
    JsonObject r = result;
    assertTrue(r.getAsJsonObject("compared").has("compare"), r.get("compared").toString());
    for (JsonElement e : r.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      // The same archive timed again: the same hits, checked the same way.
      JsonObject compare = c.getAsJsonObject("compare");
      assertTrue(compare.get("scores_agree").getAsBoolean(), c.toString());
      assertEquals(
          compare.get("rows_checked").getAsInt(),
          compare.get("rows_identical").getAsInt(),
          c.toString());
      assertEquals(c.getAsJsonObject("linr").get("path"), compare.get("path"), c.toString());
      // One call profiled where asked (batches of 4): operators by name, each called.
      boolean profiled = c.get("batch").getAsInt() == 4;
      assertEquals(profiled, c.has("profile"), c.toString());
      if (profiled) {
        int operators = 0;
        for (JsonElement row : c.getAsJsonArray("profile")) {
          JsonObject op = row.getAsJsonObject();
          assertTrue(op.get("calls").getAsInt() > 0, row.toString());
          operators += op.get("op").getAsString().startsWith("aten::") ? 1 : 0;
        }
        assertTrue(operators > 0, "no libtorch operator in the profile of " + c);
      }
    }
  }

  @Test
  void filtersPassTheirShareOfTheSeededRowsNotOfTheArchivesRows() throws Exception {
    JsonObject r = result;
    for (JsonElement e : r.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      double rate = c.get("pass_rate").getAsDouble();
      double matched = c.getAsJsonObject("linr").get("matched_mean").getAsDouble();
      // Seeded category codes: each of the 100 codes holds ~200 of the 20,000 rows.
      assertEquals(rate * ITEMS, matched, Math.max(1, 0.2 * rate * ITEMS), "matched in " + c);
    }
  }
}
