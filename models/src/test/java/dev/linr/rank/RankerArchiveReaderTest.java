package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.archive.ServingProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RankerArchiveReaderTest {
  @TempDir Path dir;

  private static final RankerDefinition RANKER =
      new RankerDefinition(
          5,
          RankerFeatures.of(true, true, List.of("quality", "age")),
          RankerMlp.seeded(8, new int[] {6, 3}, 11));

  private Path write(RankerFormat format) throws Exception {
    return RankerArchiveBuilder.builder()
        .setRanker(RANKER)
        .setOutput(dir.resolve("ranker"))
        .optFormat(format)
        .build()
        .write();
  }

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void readsBackWhatTheArchiveBuilderWrote(RankerFormat format) throws Exception {
    RankerDefinition read = RankerArchiveReader.read(write(format));

    assertEquals(RANKER.dimension(), read.dimension());
    assertEquals(RANKER.features(), read.features());
    assertArrayEquals(RANKER.mlp().widths(), read.mlp().widths());
    for (int layer = 0; layer < RANKER.mlp().layers(); layer++) {
      assertArrayEquals(RANKER.mlp().weights(layer), read.mlp().weights(layer), "weights " + layer);
      assertArrayEquals(RANKER.mlp().biases(layer), read.mlp().biases(layer), "biases " + layer);
    }
  }

  @Test
  void rankerBuilderRefusesANameThatIsNotAWord() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RankerArchiveBuilder.builder()
                    .setRanker(RANKER)
                    .setOutput(dir.resolve("ranker"))
                    .optName("a-b")
                    .build());
    assertEquals("model name 'a-b' must use only letters, digits and underscores", e.getMessage());
  }

  @Test
  void folderWithoutServingPropertiesIsNotARankerArchive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RankerArchiveReader.read(dir));
    assertEquals(
        "not a ranker archive: " + dir.resolve(ServingProperties.FILE) + " is missing",
        e.getMessage());
  }

  @Test
  void archiveOfAnotherTranslatorIsNotARankerArchive() throws Exception {
    ServingProperties.forIndex("posts", "dev.linr.translate.IndexServingTranslator").write(dir);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RankerArchiveReader.read(dir));
    assertEquals(
        "not a ranker archive: "
            + dir.resolve(ServingProperties.FILE)
            + " names translator dev.linr.translate.IndexServingTranslator, expected"
            + " dev.linr.rank.RankingServingTranslator",
        e.getMessage());
  }

  @Test
  void truncatedOnnxModelIsRefused() throws Exception {
    Path archive = write(RankerFormat.ONNX);
    Path model = archive.resolve("ranker.onnx");
    byte[] bytes = Files.readAllBytes(model);
    Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RankerArchiveReader.read(archive));
    assertEquals(
        model + " is not a valid ONNX model: its protobuf encoding is cut off or malformed",
        e.getMessage());
  }
}
