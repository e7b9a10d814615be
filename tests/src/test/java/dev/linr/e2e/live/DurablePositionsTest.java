package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.live.DurableIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source positions a {@link DurableIndex} keeps with its update batches (what a change stream
 * consumer resumes from): logged with each batch, stored by snapshots, and recovered from the
 * newest snapshot plus the log after it.
 */
class DurablePositionsTest {
  @TempDir static Path shared;
  private static Path archive;

  @TempDir Path data;

  @BeforeAll
  static void buildArchive() throws Exception {
    archive =
        LiveIndexes.build(
                DurableOps.corpus(5), shared, Metric.DOT, StorageType.FLOAT32, DurableOps.CAPACITY)
            .folder();
  }

  private DurableIndex open() throws Exception {
    return DurableIndex.builder()
        .setDirectory(data)
        .optInitialArchive(archive)
        .optClock(() -> DurableOps.T0)
        .build();
  }

  private static String item(long id) {
    return new LiveReference.Row(
            id, new float[] {1, 2, 3, 4, 5, 6}, Map.of("company", 1001L), OptionalLong.empty())
        .json();
  }

  @Test
  void positionsAreRecoveredFromTheSnapshotAndTheLogAfterIt() throws Exception {
    try (DurableIndex index = open()) {
      assertEquals(Map.of(), index.positions());
      index.upsert(List.of(item(9001)), Map.of("items-0", 5L, "items-1", 2L));
      index.snapshot();
      index.delete(List.of(9001L), Map.of("items-0", 9L));
      index.upsert(List.of(item(9002))); // an update from elsewhere keeps the positions
    }
    try (DurableIndex index = open()) {
      assertEquals(Map.of("items-0", 9L, "items-1", 2L), index.positions());
      assertEquals(DurableOps.INITIAL + 1, index.live().size());
    }
  }

  @Test
  void aSnapshotStoresThePositionsItCovers() throws Exception {
    try (DurableIndex index = open()) {
      index.upsert(List.of(item(9001)), Map.of("items-0", 5L));
      index.snapshot();
    }
    Path newest;
    try (Stream<Path> s = Files.list(data.resolve("snapshots"))) {
      newest =
          s.filter(p -> !p.getFileName().toString().equals("00000000000000000000"))
              .findFirst()
              .orElseThrow();
    }
    JsonObject info =
        JsonParser.parseString(
                Files.readString(newest.resolve("snapshot.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals(1, info.get("sequence").getAsLong());
    assertEquals(5, info.getAsJsonObject("positions").get("items-0").getAsLong());
  }

  @Test
  void refusedItemsStillAdvanceThePositions() throws Exception {
    try (DurableIndex index = open()) {
      UpdateResult r = index.upsert(List.of("{\"id\": 1, \"vector\": [1]}"), Map.of("items-0", 3L));
      assertEquals(1, r.errors().size());
      index.upsert(List.of(), Map.of("items-0", 4L));
    }
    try (DurableIndex index = open()) {
      assertEquals(Map.of("items-0", 4L), index.positions());
    }
  }

  @Test
  void aNegativePositionIsRefused() throws Exception {
    try (DurableIndex index = open()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> index.delete(List.of(1L), Map.of("items-0", -1L)));
      assertTrue(e.getMessage().startsWith("positions:"), e.getMessage());
    }
  }
}
