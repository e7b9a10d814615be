package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.IndexMetadata;
import dev.linr.live.DurableIndex;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DurableIndex} built with two free slots grows under the update stream: a snapshot taken
 * after growth has the grown capacity, and reopening (from that snapshot plus the log, or from the
 * first, smaller snapshot plus the whole log, which grows the index again while it replays) holds
 * exactly the state of {@link LiveReference}, item by item and query by query.
 */
class DurableGrowthTest {
  private static final long SEED = 13;
  private static final long NOW = DurableOps.T0;
  private static final int CAPACITY = DurableOps.INITIAL + 2;
  private static final int OPS = 200;

  @TempDir static Path shared;
  private static Path archive;
  private static IndexSchema schema;

  @TempDir Path data;

  @BeforeAll
  static void buildArchive() throws Exception {
    archive =
        LiveIndexes.build(
                DurableOps.corpus(SEED), shared, Metric.DOT, StorageType.FLOAT32, CAPACITY)
            .folder();
    schema = IndexMetadata.read(archive).schema();
  }

  private DurableIndex open() throws Exception {
    return DurableIndex.builder()
        .setDirectory(data)
        .optInitialArchive(archive)
        .optClock(() -> NOW)
        .optSegmentBytes(4096)
        .build();
  }

  private static LiveReference reference() {
    return new LiveReference(schema, 10_000, DurableOps.corpus(SEED));
  }

  /** Growth started by the free-slot threshold runs in the background: wait for it. */
  private static void awaitGrowth(DurableIndex index) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (index.live().growths() == 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(1_000_000);
    }
    assertTrue(index.live().growths() > 0, "the index did not grow");
  }

  private static void assertSameAs(LiveReference reference, DurableIndex index, String context) {
    DurableOps.assertSameState(
        DurableOps.dump(reference, schema), DurableOps.dump(index.live()), context);
    DurableOps.assertSameSearches(index.live(), reference, SEED, 20, NOW, context);
  }

  @Test
  void aSnapshotAfterGrowthHasTheGrownCapacityAndRecovers() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, OPS, schema);
    LiveReference reference = reference();
    long grown;
    try (DurableIndex index = open()) {
      for (int i = 0; i < OPS / 2; i++) {
        DurableOps.apply(index, ops.get(i));
        DurableOps.apply(reference, ops.get(i));
      }
      awaitGrowth(index);
      long covered = index.snapshot();
      grown = index.live().capacity();
      assertTrue(grown > CAPACITY, "capacity " + grown);
      Path snapshot = data.resolve("snapshots").resolve(String.format("%020d", covered));
      assertEquals(grown, IndexMetadata.read(snapshot.resolve("archive")).capacity());
      for (int i = OPS / 2; i < OPS; i++) {
        DurableOps.apply(index, ops.get(i));
        DurableOps.apply(reference, ops.get(i));
      }
      assertSameAs(reference, index, "before close");
    }
    try (DurableIndex index = open()) {
      assertSameAs(reference, index, "snapshot + log");
      assertTrue(index.live().capacity() >= grown, "capacity " + index.live().capacity());
    }
  }

  @Test
  void replayingTheLogOntoTheSmallerFirstSnapshotGrowsAgain() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, OPS, schema);
    LiveReference reference = reference();
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : ops) {
        DurableOps.apply(index, op);
        DurableOps.apply(reference, op);
      }
      awaitGrowth(index);
    }
    assertTrue(reference.size() > CAPACITY, reference.size() + " items fit the first snapshot");
    try (DurableIndex index = open()) {
      assertTrue(index.live().capacity() >= reference.size(), "no growth during replay");
      assertTrue(index.live().growths() > 0, "no growth during replay");
      assertSameAs(reference, index, "first snapshot + whole log");
    }
  }
}
