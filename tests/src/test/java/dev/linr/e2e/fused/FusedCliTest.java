package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.ArchivePacker;
import dev.linr.cli.Main;
import dev.linr.query.SearchRequest;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.RankedHit;
import dev.linr.rank.RankerArchiveBuilder;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code linr fuse --index DIR --ranker DIR --out DIR}, run in-process. */
class FusedCliTest {
  private static final int DIMENSION = 6;

  @TempDir Path dir;
  private Path index;

  private record Run(int exitCode, String out, String err) {}

  private static synchronized Run linr(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      code = Main.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void buildIndex() throws Exception {
    index =
        FusedCorpus.dyadic(101, 150, DIMENSION)
            .build(dir, "posts", Metric.DOT, StorageType.FLOAT32)
            .folder();
  }

  private Path rankerArchive(RankerDefinition ranker, RankerFormat format) throws Exception {
    return RankerArchiveBuilder.builder()
        .setRanker(ranker)
        .setOutput(dir.resolve("ranker"))
        .optFormat(format)
        .build()
        .write();
  }

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void fuseWritesTheModelTheBuilderWritesFromTheRankersDefinition(RankerFormat format)
      throws Exception {
    RankerDefinition ranker =
        DyadicRankers.of(
            DIMENSION, RankerFeatures.of(true, true, List.of("quality")), new int[] {4}, 102);
    Path rankerDir = rankerArchive(ranker, format);
    Path expected =
        FusedModelBuilder.builder()
            .setIndex(index)
            .setRanker(ranker)
            .setOutput(dir.resolve("direct"))
            .optName("feed")
            .build()
            .run()
            .folder();

    Run run =
        linr(
            "fuse",
            "--index",
            index.toString(),
            "--ranker",
            rankerDir.toString(),
            "--out",
            dir.resolve("feed").toString(),
            "--zip");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("fused " + dir.resolve("feed")), run.out());
    assertArrayEquals(
        Files.readAllBytes(expected.resolve("feed.pt")),
        Files.readAllBytes(dir.resolve("feed").resolve("feed.pt")));
    assertTrue(Files.isRegularFile(dir.resolve("feed").resolve(FusedModelBuilder.TRANSLATOR_JAR)));
    try (LinrFused fused = LinrFused.open(dir.resolve("feed.zip"))) {
      JsonObject answer =
          JsonParser.parseString(fused.rankJson("{\"vector\": [1, 0, 0.5, 0, 0, -1], \"n\": 4}"))
              .getAsJsonObject();
      assertEquals(4, answer.getAsJsonArray("hits").size());
    }
  }

  @Test
  void rankerReadingAStringAttributeIsAUserError() throws Exception {
    Path rankerDir =
        rankerArchive(
            DyadicRankers.of(
                DIMENSION, RankerFeatures.of(true, true, List.of("geo")), new int[] {3}, 103),
            RankerFormat.ONNX);

    Run run =
        linr(
            "fuse",
            "--index",
            index.toString(),
            "--ranker",
            rankerDir.toString(),
            "--out",
            dir.resolve("feed").toString());

    assertEquals(2, run.exitCode(), run.err());
    JsonObject error = JsonParser.parseString(run.err().strip()).getAsJsonObject();
    assertEquals(400, error.get("code").getAsInt());
    assertEquals(
        "the ranker reads attribute 'geo' of type string; a fused model reads only single-valued"
            + " int or float attributes",
        error.get("message").getAsString());
    assertFalse(Files.exists(dir.resolve("feed")));
  }

  @Test
  void indexFolderAsRankerIsAUserError() {
    Run run =
        linr(
            "fuse",
            "--index",
            index.toString(),
            "--ranker",
            index.toString(),
            "--out",
            dir.resolve("feed").toString());

    assertEquals(2, run.exitCode(), run.err());
    JsonObject error = JsonParser.parseString(run.err().strip()).getAsJsonObject();
    assertTrue(
        error.get("message").getAsString().startsWith("not a ranker archive: "), error.toString());
  }

  private Path fuse(RankerDefinition ranker) throws Exception {
    return FusedModelBuilder.builder()
        .setIndex(index)
        .setRanker(ranker)
        .setOutput(dir.resolve("feed"))
        .build()
        .run()
        .folder();
  }

  private static RankerDefinition qualityRanker(long seed) {
    return DyadicRankers.of(
        DIMENSION, RankerFeatures.of(true, true, List.of("quality")), new int[] {4}, seed);
  }

  @Test
  void inspectOfAFusedArchiveDescribesItsIndexPartAndItsRanker() throws Exception {
    Path fused = fuse(qualityRanker(104));

    Run ofIndex = linr("inspect", "--model", index.toString());
    Run ofFused = linr("inspect", "--model", fused.toString());

    assertEquals(0, ofIndex.exitCode(), ofIndex.err());
    assertEquals(0, ofFused.exitCode(), ofFused.err());
    JsonObject indexPart = JsonParser.parseString(ofFused.out()).getAsJsonObject();
    JsonObject ranker = indexPart.remove("ranker").getAsJsonObject();
    assertEquals("fused", indexPart.remove("kind").getAsString());
    JsonObject plainIndex = JsonParser.parseString(ofIndex.out()).getAsJsonObject();
    assertEquals("index", plainIndex.remove("kind").getAsString());
    assertEquals(plainIndex, indexPart);
    // 6 product features, the retrieval score and quality; 8 * 4 + 4 + 4 * 1 + 1 parameters.
    assertEquals(
        JsonParser.parseString(
            "{\"fused_format_version\": 1, \"features\": \"product,score\", \"attributes\":"
                + " [\"quality\"], \"feature_count\": 8, \"layer_widths\": [8, 4, 1],"
                + " \"parameters\": 41, \"bytes\": 164}"),
        ranker);
  }

  @Test
  void queryOnAFusedArchiveAnswersTheReferenceRanking() throws Exception {
    RankerDefinition ranker = qualityRanker(105);
    Path fused = fuse(ranker);
    ArchivePacker.pack(fused, dir.resolve("feed.zip"));
    float[] vector = {1, 0, 0.5f, 0, -0.25f, -1};
    String filter = "geo != 'de'";
    Path request =
        Files.writeString(
            dir.resolve("request.json"),
            "{\"vector\": [1, 0, 0.5, 0, -0.25, -1], \"k\": 30, \"n\": 6, \"filter\": \""
                + filter
                + "\"}");

    Run fromFolder = linr("query", "--model", fused.toString(), "--request", request.toString());
    Run fromZip =
        linr(
            "query",
            "--model",
            dir.resolve("feed.zip").toString(),
            "--request",
            request.toString());

    assertEquals(0, fromFolder.exitCode(), fromFolder.err());
    assertEquals(fromFolder.out(), fromZip.out());
    List<RankedHit> expected;
    try (LinrIndex direct = LinrIndex.open(index)) {
      expected =
          new ReferenceRanking(direct, ranker, true)
              .answer(
                  new FusedRequest(
                      SearchRequest.builder().setVector(vector).optK(30).optFilter(filter).build(),
                      6));
    }
    JsonArray hits =
        JsonParser.parseString(fromFolder.out()).getAsJsonObject().getAsJsonArray("hits");
    assertEquals(6, expected.size());
    assertEquals(expected.size(), hits.size());
    for (int i = 0; i < hits.size(); i++) {
      JsonObject h = hits.get(i).getAsJsonObject();
      RankedHit e = expected.get(i);
      assertEquals(e.id(), h.get("id").getAsLong(), "hit " + i);
      assertEquals(e.score(), h.get("score").getAsFloat(), "hit " + i);
      assertEquals(e.retrievalScore(), h.get("retrievalScore").getAsFloat(), "hit " + i);
      assertEquals(
          e.attributes().get("geo"), h.getAsJsonObject("attributes").get("geo").getAsString());
    }
  }

  @Test
  void queryOnAFusedArchiveWithKBelowNNamesTheField() throws Exception {
    Path fused = fuse(qualityRanker(106));
    Path request =
        Files.writeString(
            dir.resolve("request.json"), "{\"vector\": [1, 0, 0, 0, 0, 0], \"k\": 3, \"n\": 5}");

    Run run = linr("query", "--model", fused.toString(), "--request", request.toString());

    assertEquals(2, run.exitCode(), run.err());
    JsonObject error = JsonParser.parseString(run.err().strip()).getAsJsonObject();
    assertEquals(400, error.get("code").getAsInt());
    assertEquals("k", error.get("field").getAsString());
    assertEquals(
        "k must be at least n (5): retrieval must find every hit the ranker answers, got: 3",
        error.get("message").getAsString());
  }
}
