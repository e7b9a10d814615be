package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedMetadataTest {
  @TempDir Path dir;

  @Test
  void roundTripsFeaturesAndWidths() throws Exception {
    RankerFeatures features = RankerFeatures.of(false, true, List.of("quality", "age"));
    RankerDefinition ranker =
        new RankerDefinition(3, features, RankerMlp.seeded(3, new int[] {4}, 1));
    new FusedMetadata(ranker).write(dir);

    FusedMetadata read = FusedMetadata.read(dir);

    assertEquals(features, read.features());
    assertArrayEquals(new int[] {3, 4, 1}, read.widths());
    assertEquals(4, read.rankerTensors());
  }

  @Test
  void missingFileSaysTheFolderIsNotAFusedArchive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FusedMetadata.read(dir));
    assertEquals(
        "not a fused archive: " + dir.resolve(FusedMetadata.FILE) + " is missing", e.getMessage());
  }

  @Test
  void otherFormatVersionIsRefused() throws Exception {
    write(
        "{\"format_version\": 2, \"layer_widths\": [2, 1], \"features\": \"score\","
            + " \"attributes\": []}");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FusedMetadata.read(dir));
    assertEquals(
        dir.resolve(FusedMetadata.FILE)
            + ": fused format version 2 is not supported; this linr reads version 1",
        e.getMessage());
  }

  @Test
  void widthsNotEndingInOneAreRefused() throws Exception {
    write(
        "{\"format_version\": 1, \"layer_widths\": [2, 3], \"features\": \"score\","
            + " \"attributes\": []}");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FusedMetadata.read(dir));
    assertEquals(
        dir.resolve(FusedMetadata.FILE)
            + ": layer_widths must list at least two widths and end in 1",
        e.getMessage());
  }

  @Test
  void fractionalWidthIsRefused() throws Exception {
    write(
        "{\"format_version\": 1, \"layer_widths\": [2.5, 1], \"features\": \"score\","
            + " \"attributes\": []}");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FusedMetadata.read(dir));
    assertEquals(
        dir.resolve(FusedMetadata.FILE) + ": layer_widths must hold integers", e.getMessage());
  }

  @Test
  void unknownFeatureIsRefused() throws Exception {
    write(
        "{\"format_version\": 1, \"layer_widths\": [2, 1], \"features\": \"cosine\","
            + " \"attributes\": []}");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FusedMetadata.read(dir));
    assertEquals(
        dir.resolve(FusedMetadata.FILE)
            + ": translator argument features: unknown feature 'cosine'; valid: product, score"
            + " (attributes go in the attributes argument)",
        e.getMessage());
  }

  private void write(String json) throws Exception {
    Files.writeString(dir.resolve(FusedMetadata.FILE), json);
  }
}
