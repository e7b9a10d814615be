package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.BuildProgress;
import dev.linr.index.IndexMetadata;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.LiveState;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LiveIndex#copyState} freezes the items at the call and reads them only when the state is
 * written, so a snapshot holds updates only for the freeze. A state written after later rewrites,
 * deletes, expiries, new dictionary values and two growths (the second closes the generation the
 * state was taken from and deletes its archive folder) holds exactly the items of the moment it was
 * taken, item by item and query by query against {@link LiveReference}, while the live index holds
 * the later state.
 */
class LiveStateCopyTest {
  private static final long SEED = 21;
  private static final long NOW = DurableOps.T0;
  private static final int OPS = 240;

  @TempDir Path dir;

  @Test
  void aStateWrittenAfterLaterUpdatesAndGrowthsHoldsTheItemsOfItsMoment() throws Exception {
    Path archive =
        LiveIndexes.build(
                DurableOps.corpus(SEED),
                dir,
                Metric.DOT,
                StorageType.FLOAT32,
                DurableOps.INITIAL + 2)
            .folder();
    IndexSchema schema = IndexMetadata.read(archive).schema();
    List<DurableOps.Op> ops = DurableOps.stream(SEED, OPS, schema);
    LiveReference atCopy = reference(schema);
    LiveReference now = reference(schema);
    Path growth = dir.resolve("growth");
    try (LiveIndex live =
        LiveIndex.builder()
            .setArchive(archive)
            .optClock(() -> NOW)
            .optGrowthDirectory(growth)
            .build()) {
      for (int i = 0; i < OPS / 2; i++) {
        apply(live, ops.get(i), atCopy, now);
      }
      // A batch beyond the free slots waits for a growth: the state is then taken from a grown
      // generation, which owns its archive folder.
      upsertBeyondFreeSlots(live, 1_000_000_000L, "", atCopy, now);
      int growths = live.growths();
      assertTrue(growths >= 1, "growths " + growths);
      Path copied = onlyFolder(onlyFolder(growth));
      LiveState state = live.copyState();
      Map<Object, String> want = DurableOps.dump(atCopy, schema);

      for (int i = OPS / 2; i < OPS; i++) {
        apply(live, ops.get(i), now);
      }
      upsertBeyondFreeSlots(live, 2_000_000_000L, "new-", now);
      assertTrue(live.growths() > growths, "growths " + live.growths());
      assertTrue(Files.notExists(copied), "the copied generation's folder is deleted");

      Path written = dir.resolve("written");
      state.writeArchive(written, BuildProgress.NONE);
      try (LiveIndex copy = LiveIndex.builder().setArchive(written).optClock(() -> NOW).build()) {
        DurableOps.assertSameState(want, DurableOps.dump(copy), "written state");
        DurableOps.assertSameSearches(copy, atCopy, SEED, 20, NOW, "written state");
      }
      DurableOps.assertSameState(
          DurableOps.dump(now, schema), DurableOps.dump(live), "live index after the copy");
      assertTrue(now.size() > atCopy.size(), "the later updates add items");
    }
  }

  /**
   * The one folder in a folder (the growth directory holds the index's, which holds one per
   * generation).
   */
  private static Path onlyFolder(Path growth) throws IOException {
    try (Stream<Path> folders = Files.list(growth)) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size(), "generation folders " + all);
      return all.get(0);
    }
  }

  private static LiveReference reference(IndexSchema schema) {
    return new LiveReference(schema, DurableOps.REFERENCE_CAPACITY, DurableOps.corpus(SEED));
  }

  private static void apply(LiveIndex live, DurableOps.Op op, LiveReference... references) {
    if (op instanceof DurableOps.Upsert u) {
      live.upsert(u.rows().stream().map(LiveReference.Row::json).toList());
    } else if (op instanceof DurableOps.Delete d) {
      live.delete(List.of(d.id()));
    } else {
      live.expire(((DurableOps.Expire) op).now());
    }
    for (LiveReference r : references) {
      DurableOps.apply(r, op);
    }
  }

  /**
   * Upserts one item more than the free slots, ids from {@code firstId}, authors prefixed with
   * {@code authorPrefix} (a new prefix adds dictionary values); all must apply.
   */
  private static void upsertBeyondFreeSlots(
      LiveIndex live, long firstId, String authorPrefix, LiveReference... references) {
    Random r = new Random(firstId);
    List<LiveReference.Row> rows = new ArrayList<>();
    long count = live.capacity() - live.size() + 1;
    for (int i = 0; i < count; i++) {
      LiveReference.Row row = DurableOps.row(r, firstId + i, NOW);
      Map<String, Object> attributes = new LinkedHashMap<>(row.attributes());
      attributes.put("author", authorPrefix + attributes.get("author"));
      rows.add(new LiveReference.Row(row.id(), row.vector(), attributes, row.expiresAt()));
    }
    UpdateResult result = live.upsert(rows.stream().map(LiveReference.Row::json).toList());
    assertEquals(new UpdateResult(rows.size(), List.of()), result);
    for (LiveReference reference : references) {
      reference.upsert(rows);
    }
  }
}
