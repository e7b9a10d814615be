package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset scenario end to end on a tiny synthetic corpus (one run shared by the tests). */
class DatasetBenchTest {
  @TempDir static Path results;
  private static JsonObject out;

  @BeforeAll
  static void runOnATinySyntheticCorpus() throws Exception {
    out =
        DatasetBench.run(
            DatasetBench.Options.parse(
                new String[] {
                  "--items",
                  "3000",
                  "--dim",
                  "16",
                  "--queries",
                  "32",
                  "--results",
                  results.toString()
                }));
  }

  @Test
  void writesJsonMarkdownAndAChart() throws Exception {
    String base = "datasets-synthetic-3000-16";
    JsonObject written =
        JsonParser.parseString(
                Files.readString(results.resolve(base + ".json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals(out, written);
    String md = Files.readString(results.resolve(base + ".md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("| `geo = 'us'` |"), md);
    byte[] png = Files.readAllBytes(results.resolve(base + ".png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
  }

  @Test
  void linrReturnsTheBruteForceIdsForEveryQueryAndFilter() {
    assertEquals(12, out.getAsJsonArray("rates").size());
    for (JsonElement e : out.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      assertEquals(32, o.get("brute_force_checked").getAsInt(), o.get("filter").getAsString());
      assertEquals(32, o.get("brute_force_agrees").getAsInt(), o.get("filter").getAsString());
    }
  }

  @Test
  void linrMatchesAsManyItemsAsTheJavaCount() {
    for (JsonElement e : out.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      assertEquals(
          o.get("passing").getAsLong(),
          o.get("matched").getAsLong(),
          o.get("filter").getAsString());
    }
  }

  @Test
  void luceneAndPostFilteringReportRecallAgainstLinr() {
    for (JsonElement e : out.getAsJsonArray("rates")) {
      JsonObject o = e.getAsJsonObject();
      double recall = o.getAsJsonObject("lucene").get("recall_at_10").getAsDouble();
      assertTrue(recall > 0.5 && recall <= 1, o.get("filter") + ": " + recall);
      JsonObject post = o.getAsJsonObject("postfilter");
      assertTrue(
          post.get("k100_recall").getAsDouble() <= post.get("k1000_recall").getAsDouble(),
          o.get("filter").getAsString());
    }
    JsonObject none = out.getAsJsonArray("rates").get(0).getAsJsonObject();
    assertEquals(1.0, none.getAsJsonObject("postfilter").get("k100_recall").getAsDouble());
  }

  @Test
  void stockPyTorchReturnsLinrsSlotsUnderEveryFilterWhereInstalled() {
    if (!out.has("torch") || !out.get("torch").isJsonObject()) {
      org.junit.jupiter.api.Assumptions.abort("stock PyTorch is not installed");
    }
    JsonObject t = out.getAsJsonObject("torch");
    assertEquals(8 * 12, t.get("checked").getAsInt());
    assertEquals(8 * 12, t.get("agrees").getAsInt());
  }

  @Test
  void optionDefaultsAreTheSyntheticCorpusAt100kBy128() {
    DatasetBench.Options o = DatasetBench.Options.parse(new String[0]);
    assertEquals("synthetic", o.dataset());
    assertEquals(100_000, o.items());
    assertEquals(128, o.dim());
    assertEquals(200, o.queries());
    assertEquals(200, o.checks());
    assertTrue(o.lucene() && o.torch());
  }

  @Test
  void fashionMnistDefaultsToEveryTrainingImageAndRefusesDim() {
    DatasetBench.Options o =
        DatasetBench.Options.parse(new String[] {"--dataset", "fashion-mnist", "--no-lucene"});
    assertEquals(0, o.items());
    assertFalse(o.lucene());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DatasetBench.Options.parse(
                    new String[] {"--dataset", "fashion-mnist", "--dim", "64"}));
    assertEquals("--dim applies to the synthetic dataset only", e.getMessage());
  }

  @Test
  void anUnknownDatasetIsRefusedNamingTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetBench.Options.parse(new String[] {"--dataset", "sift"}));
    assertEquals("--dataset must be one of [synthetic, fashion-mnist], got: sift", e.getMessage());
  }

  @Test
  void fewerQueriesThanOneBatchAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetBench.Options.parse(new String[] {"--queries", "8"}));
    assertTrue(e.getMessage().startsWith("--queries must be at least 32"), e.getMessage());
  }
}
