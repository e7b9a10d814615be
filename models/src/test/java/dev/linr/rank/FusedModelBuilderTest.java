package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.archive.ArchivePacker;
import dev.linr.archive.ServingProperties;
import dev.linr.index.BufferSpec;
import dev.linr.index.IndexBuilder;
import dev.linr.index.IndexMetadata;
import dev.linr.items.ItemFiles;
import dev.linr.torchscript.TorchScriptArchiveReader;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedModelBuilderTest {
  private static final int DIMENSION = 4;

  @TempDir Path dir;
  private Path index;

  /** 30 items with an int, a float (missing on every third item) and a string attribute. */
  @BeforeEach
  void buildIndex() throws Exception {
    StringBuilder lines = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 30; i++) {
      lines.append("{\"id\": ").append(100 + i).append(", \"vector\": [");
      for (int j = 0; j < DIMENSION; j++) {
        lines.append(j == 0 ? "" : ", ").append((r.nextInt(9) - 4) / 4.0);
      }
      lines.append("], \"attributes\": {\"rank\": ").append(i);
      if (i % 3 != 0) {
        lines.append(", \"quality\": ").append(r.nextInt(9) / 8.0);
      }
      lines.append(", \"geo\": \"").append(i % 2 == 0 ? "us" : "ca").append("\"");
      lines.append(", \"levels\": [").append(i % 4).append(", 7]}}\n");
    }
    Path items = Files.writeString(dir.resolve("items.jsonl"), lines.toString());
    index =
        IndexBuilder.builder()
            .setItems(ItemFiles.jsonl(items))
            .setOutput(dir.resolve("posts"))
            .build()
            .run()
            .folder();
  }

  private static RankerDefinition ranker(boolean product, boolean score, String... attributes) {
    RankerFeatures features = RankerFeatures.of(product, score, List.of(attributes));
    return new RankerDefinition(
        DIMENSION, features, RankerMlp.seeded(features.width(DIMENSION), new int[] {5, 3}, 7));
  }

  private FusedBuildResult fuse(RankerDefinition ranker) throws Exception {
    return FusedModelBuilder.builder()
        .setIndex(index)
        .setRanker(ranker)
        .setOutput(dir.resolve("posts_ranked"))
        .optTranslatorJar(() -> new ByteArrayInputStream(new byte[] {'j', 'a', 'r'}))
        .build()
        .run();
  }

  @Test
  void indexBuffersAreCopiedByteForByteAndRankerWeightsFollowThem() throws Exception {
    RankerDefinition ranker = ranker(true, true, "rank", "quality");
    FusedBuildResult built = fuse(ranker);

    List<BufferSpec> buffers = IndexMetadata.read(index).layout().buffers();
    try (TorchScriptArchiveReader original =
            TorchScriptArchiveReader.open(index.resolve("posts.pt"));
        TorchScriptArchiveReader fused =
            TorchScriptArchiveReader.open(built.folder().resolve("posts_ranked.pt"))) {
      RankerMlp mlp = ranker.mlp();
      assertEquals(buffers.size() + 2 * mlp.layers(), fused.storageKeys().size());
      for (int i = 0; i < buffers.size(); i++) {
        String key = Integer.toString(i);
        assertArrayEquals(
            original.read(original.storage(key)),
            fused.read(fused.storage(key)),
            buffers.get(i).name());
      }
      for (int layer = 0; layer < mlp.layers(); layer++) {
        String weights = Integer.toString(buffers.size() + 2 * layer);
        String biases = Integer.toString(buffers.size() + 2 * layer + 1);
        assertArrayEquals(mlp.weights(layer), floats(fused.read(fused.storage(weights))));
        assertArrayEquals(mlp.biases(layer), floats(fused.read(fused.storage(biases))));
      }
      assertEquals("posts_ranked", fused.archiveName());
    }
    assertEquals(Files.size(built.folder().resolve("posts_ranked.pt")), built.modelBytes());
  }

  @Test
  void programIsTheIndexProgramWithTheRankingStage() throws Exception {
    FusedBuildResult built = fuse(ranker(true, true, "quality"));

    String code;
    try (TorchScriptArchiveReader fused =
        TorchScriptArchiveReader.open(built.folder().resolve("posts_ranked.pt"))) {
      code =
          new String(
              fused.read(fused.entry("code/__torch__.py").orElseThrow()), StandardCharsets.UTF_8);
    }
    assertTrue(code.startsWith("class FusedModel(Module):\n"), code);
    assertTrue(code.contains("  def search(self: __torch__.FusedModel,\n    queries: Tensor,"));
    assertTrue(
        code.contains("    n: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, Tensor]:"));
    assertTrue(
        code.contains(
            "\"rank_w0\", \"rank_b0\", \"rank_w1\", \"rank_b1\", \"rank_w2\", \"rank_b2\", ]"));
    assertFalse(code.contains("IndexModel"));
  }

  @Test
  void archiveCarriesTheIndexMetadataFusedJsonAndServingProperties() throws Exception {
    ServingProperties indexProperties = ServingProperties.read(index);
    indexProperties.set("compactThreshold", "0.125").set("maxK", "500").write(index);
    RankerDefinition ranker = ranker(false, true, "rank");
    FusedBuildResult built = fuse(ranker);

    Path out = built.folder();
    assertEquals("posts_ranked", built.name());
    for (String file :
        List.of(
            IndexMetadata.SCHEMA_FILE, IndexMetadata.INDEX_FILE, IndexMetadata.DICTIONARIES_FILE)) {
      assertEquals(
          Files.readString(index.resolve(file)), Files.readString(out.resolve(file)), file);
    }
    FusedMetadata fused = FusedMetadata.read(out);
    assertEquals(ranker.features(), fused.features());
    assertArrayEquals(ranker.mlp().widths(), fused.widths());
    assertEquals(6, fused.rankerTensors());
    ServingProperties p = ServingProperties.read(out);
    assertEquals("PyTorch", p.get("engine"));
    assertEquals("posts_ranked", p.get("option.modelName"));
    assertEquals(FusedModelBuilder.SERVING_TRANSLATOR, p.get("translator"));
    assertEquals("0.125", p.get("compactThreshold"));
    assertEquals("500", p.get("maxK"));
    assertEquals("jar", Files.readString(out.resolve(FusedModelBuilder.TRANSLATOR_JAR)));
  }

  @Test
  void zippedIndexIsFusedLikeItsFolder() throws Exception {
    Path zip = dir.resolve("posts.zip");
    ArchivePacker.pack(index, zip);
    RankerDefinition ranker = ranker(true, false);
    Path fromFolder = fuse(ranker).folder();
    byte[] expected = Files.readAllBytes(fromFolder.resolve("posts_ranked.pt"));

    Path fromZip =
        FusedModelBuilder.builder()
            .setIndex(zip)
            .setRanker(ranker)
            .setOutput(dir.resolve("from_zip"))
            .optName("posts_ranked")
            .build()
            .run()
            .folder();

    assertArrayEquals(expected, Files.readAllBytes(fromZip.resolve("posts_ranked.pt")));
  }

  @Test
  void rankerOfAnotherDimensionIsRefused() {
    RankerDefinition ranker =
        new RankerDefinition(
            5, RankerFeatures.of(true, true, List.of()), RankerMlp.seeded(6, new int[] {2}, 1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fuse(ranker));
    assertEquals(
        "the ranker takes vectors of dimension 5, but the index holds dimension 4", e.getMessage());
  }

  @Test
  void stringAttributeFeatureIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fuse(ranker(true, true, "geo")));
    assertEquals(
        "the ranker reads attribute 'geo' of type string; a fused model reads only single-valued"
            + " int or float attributes",
        e.getMessage());
  }

  @Test
  void multiValuedNumberFeatureIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fuse(ranker(true, true, "levels")));
    assertEquals(
        "the ranker reads attribute 'levels' of type int[]; a fused model reads only single-valued"
            + " int or float attributes",
        e.getMessage());
  }

  @Test
  void unknownAttributeFeatureIsRefusedAndLeavesNothingBehind() throws Exception {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fuse(ranker(true, true, "age")));
    assertEquals("the ranker reads attribute 'age', which the index does not have", e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("items.jsonl", "posts"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void existingOutputIsRefusedUnlessOverwriting() throws Exception {
    Files.createDirectories(dir.resolve("posts_ranked"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fuse(ranker(true, true)));
    assertTrue(
        e.getMessage().endsWith("posts_ranked already exists; remove it or pass --overwrite"));
    FusedModelBuilder.builder()
        .setIndex(index)
        .setRanker(ranker(true, true))
        .setOutput(dir.resolve("posts_ranked"))
        .optOverwrite(true)
        .build()
        .run();
    assertTrue(Files.exists(dir.resolve("posts_ranked").resolve("posts_ranked.pt")));
  }

  @Test
  void missingIndexIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FusedModelBuilder.builder()
                    .setIndex(dir.resolve("nowhere"))
                    .setRanker(ranker(true, true))
                    .setOutput(dir.resolve("out"))
                    .build()
                    .run());
    assertEquals("index archive " + dir.resolve("nowhere") + " does not exist", e.getMessage());
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertEquals(
        "an index archive is required",
        assertThrows(IllegalArgumentException.class, () -> FusedModelBuilder.builder().build())
            .getMessage());
    assertEquals(
        "a ranker is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> FusedModelBuilder.builder().setIndex(index).build())
            .getMessage());
    assertEquals(
        "an output folder is required",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FusedModelBuilder.builder()
                        .setIndex(index)
                        .setRanker(ranker(true, true))
                        .build())
            .getMessage());
    assertEquals(
        "model name 'a-b' must use only letters, digits and underscores",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FusedModelBuilder.builder()
                        .setIndex(index)
                        .setRanker(ranker(true, true))
                        .setOutput(dir.resolve("x"))
                        .optName("a-b")
                        .build())
            .getMessage());
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
