package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.TestCorpus;
import dev.linr.index.IndexMetadata;
import dev.linr.live.CorruptLogException;
import dev.linr.live.DurableIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DurableIndex} reopened after a clean close holds exactly the state before it, item by
 * item and query by query, against {@link LiveReference}: from the log alone, from a snapshot plus
 * the log after it, and after concurrent updaters.
 */
class DurableRecoveryTest {
  private static final long SEED = 11;
  private static final long NOW = DurableOps.T0;

  @TempDir static Path shared;
  private static Path archive;
  private static IndexSchema schema;

  @TempDir Path data;

  @BeforeAll
  static void buildArchive() throws Exception {
    archive =
        LiveIndexes.build(
                DurableOps.corpus(SEED),
                shared,
                Metric.DOT,
                StorageType.FLOAT32,
                DurableOps.CAPACITY)
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

  private LiveReference reference() {
    return new LiveReference(schema, DurableOps.REFERENCE_CAPACITY, DurableOps.corpus(SEED));
  }

  private List<Path> files(String folder) throws Exception {
    try (Stream<Path> s = Files.list(data.resolve(folder))) {
      return s.sorted().toList();
    }
  }

  @Test
  void theFirstSnapshotOfAnArchiveFolderIsAFileCopyOfIt() throws Exception {
    try (DurableIndex index = open()) {
      assertEquals(0, index.lastSequence());
    }
    Path copy = data.resolve("snapshots").resolve(String.format("%020d", 0)).resolve("archive");
    List<Path> files;
    try (Stream<Path> s = Files.walk(archive)) {
      files = s.filter(Files::isRegularFile).map(archive::relativize).sorted().toList();
    }
    try (Stream<Path> s = Files.walk(copy)) {
      assertEquals(files, s.filter(Files::isRegularFile).map(copy::relativize).sorted().toList());
    }
    for (Path f : files) {
      assertEquals(-1L, Files.mismatch(archive.resolve(f), copy.resolve(f)), "differs: " + f);
    }
  }

  @Test
  void reopenedFromTheLogAloneHoldsTheStateBeforeClose() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, 120, schema);
    LiveReference reference = reference();
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : ops) {
        DurableOps.apply(index, op);
        DurableOps.apply(reference, op);
      }
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
    }
    try (DurableIndex index = open()) {
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
      DurableOps.assertSameSearches(index.live(), reference, SEED, 25, NOW, "log replay");
    }
  }

  @Test
  void reopenedFromASnapshotAndTheLogAfterItHoldsTheStateBeforeClose() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, 150, schema);
    LiveReference reference = reference();
    long covered;
    try (DurableIndex index = open()) {
      for (int i = 0; i < ops.size(); i++) {
        DurableOps.apply(index, ops.get(i));
        DurableOps.apply(reference, ops.get(i));
        if (i == 89) {
          covered = index.snapshot();
          assertEquals(index.lastSequence(), covered);
        }
      }
    }
    try (DurableIndex index = open()) {
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
      DurableOps.assertSameSearches(index.live(), reference, SEED, 25, NOW, "snapshot + tail");
      List<Path> snapshots = files("snapshots");
      assertEquals(1, snapshots.size(), "snapshots " + snapshots);
      assertTrue(index.lastSequence() > Long.parseLong(snapshots.get(0).getFileName().toString()));
    }
  }

  @Test
  void aSnapshotDeletesTheLogSegmentsAndSnapshotsItCovers() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, 100, schema);
    LiveReference reference = reference();
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : ops) {
        DurableOps.apply(index, op);
        DurableOps.apply(reference, op);
      }
      assertTrue(files("wal").size() > 3, "segments before " + files("wal"));
      long covered = index.snapshot();
      assertEquals(List.of(String.format("%020d.log", covered + 1)), names(files("wal")));
      // Snapshot 0, which the open index was loaded from, stays until the next open.
      assertEquals(
          List.of(String.format("%020d", 0), String.format("%020d", covered)),
          names(files("snapshots")));
      DurableOps.apply(index, ops.get(0));
      DurableOps.apply(reference, ops.get(0));
    }
    try (DurableIndex index = open()) {
      assertEquals(1, files("snapshots").size());
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
    }
  }

  @Test
  void unfinishedSnapshotsLeftByACrashAreIgnoredAndRemoved() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, 40, schema);
    LiveReference reference = reference();
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : ops) {
        DurableOps.apply(index, op);
        DurableOps.apply(reference, op);
      }
    }
    // A snapshot cut short before its rename, and one whose deletion was cut short.
    Path tmp = data.resolve("snapshots").resolve(".tmp-" + String.format("%020d", 39));
    Files.createDirectories(tmp.resolve("archive"));
    Files.writeString(tmp.resolve("archive").resolve("index.json"), "{\"trunc");
    Path half = data.resolve("snapshots").resolve(String.format("%020d", 40));
    Files.createDirectories(half.resolve("archive"));
    try (DurableIndex index = open()) {
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
      assertEquals(List.of(String.format("%020d", 0)), names(files("snapshots")));
    }
  }

  @Test
  void aTornLastLogRecordLosesOnlyThatUpdate() throws Exception {
    List<DurableOps.Op> ops = DurableOps.stream(SEED, 30, schema);
    LiveReference reference = reference();
    Random r = new Random(4);
    LiveReference.Row torn =
        new LiveReference.Row(
            4_000_000L,
            LiveIndexes.integerVector(r, DurableOps.DIM),
            LiveIndexes.attributes(r),
            OptionalLong.empty());
    long before;
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : ops) {
        DurableOps.apply(index, op);
        DurableOps.apply(reference, op);
      }
      before = index.lastSequence();
      index.upsert(List.of(torn.json()));
      assertEquals(before + 1, index.lastSequence());
    }
    List<Path> segments = files("wal");
    Path last = segments.get(segments.size() - 1);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 5);
    }
    try (DurableIndex index = open()) {
      assertEquals(before, index.lastSequence());
      assertEquals(-1, index.live().slotOf(4_000_000L));
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
    }
  }

  @Test
  void aCorruptLogRecordBeforeTheTailRefusesToOpen() throws Exception {
    try (DurableIndex index = open()) {
      for (DurableOps.Op op : DurableOps.stream(SEED, 30, schema)) {
        DurableOps.apply(index, op);
      }
    }
    Path first = files("wal").get(0);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(first.toFile(), "rw")) {
      f.seek(40); // inside the first record's payload
      int b = f.read();
      f.seek(40);
      f.write(b ^ 0x21);
    }
    CorruptLogException e = assertThrows(CorruptLogException.class, this::open);
    assertTrue(e.getMessage().contains(first.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sequence 1"), e.getMessage());
  }

  @Test
  void maxAgeExpiriesSurviveASnapshotAndReplay() throws Exception {
    long age = 3600;
    Random r = new Random(6);
    List<LiveReference.Row> rows = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rows.add(
          new LiveReference.Row(
              5_000_000L + i,
              LiveIndexes.integerVector(r, DurableOps.DIM),
              LiveIndexes.attributes(r),
              OptionalLong.empty()));
    }
    java.util.function.LongUnaryOperator expiry =
        id ->
            ((Number) rows.get((int) (id - 5_000_000L)).attributes().get("posted_at")).longValue()
                + age;
    try (DurableIndex index =
        DurableIndex.builder()
            .setDirectory(data)
            .optInitialArchive(archive)
            .optMaxAge("posted_at", age)
            .build()) {
      index.upsert(List.of(rows.get(0).json()));
      index.snapshot();
      index.upsert(List.of(rows.get(1).json()));
    }
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(data).optMaxAge("posted_at", age).build()) {
      Map<Object, Long> expiries = new java.util.HashMap<>();
      index.live().forEachItem((id, v, a, expiresAt) -> expiries.put(id, expiresAt));
      assertEquals(expiry.applyAsLong(5_000_000L), expiries.get(5_000_000L), "from the snapshot");
      assertEquals(expiry.applyAsLong(5_000_001L), expiries.get(5_000_001L), "from the log");
    }
  }

  @Test
  void aSnapshotKeepsDictionaryRoomSoTheLogAfterItReplaysAsApplied() throws Exception {
    // Eight colours make a 15-bit bitset column; six (after deletes) would make a 7-bit one.
    TestCorpus corpus = new TestCorpus(2);
    for (int i = 0; i < 10; i++) {
      corpus.add((long) i, new float[] {i, 1}, Map.of("color", "c" + (i % 8)));
    }
    Path colors = Files.createDirectories(data.resolve("colors"));
    Path small = LiveIndexes.build(corpus, colors, Metric.DOT, StorageType.FLOAT32, 40).folder();
    data = data.resolve("durable");
    List<String> added = new ArrayList<>();
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(data).optInitialArchive(small).build()) {
      assertEquals(4, index.delete(List.of(0L, 8L, 1L, 9L)).applied());
      index.snapshot();
      for (int i = 0; i < 3; i++) {
        String line =
            "{\"id\": "
                + (100 + i)
                + ", \"vector\": [1, 2], \"attributes\": {\"color\": \"n"
                + i
                + "\"}}";
        UpdateResult r = index.upsert(List.of(line));
        assertEquals(1, r.applied(), r.toString());
        added.add(line);
      }
    }
    try (DurableIndex index = DurableIndex.builder().setDirectory(data).build()) {
      for (int i = 0; i < 3; i++) {
        assertTrue(index.live().slotOf(100L + i) >= 0, "item " + (100 + i) + " after replay");
      }
      assertEquals(9, index.live().size());
    }
  }

  @Test
  void stringIdsAreRecoveredFromASnapshotAndTheLog() throws Exception {
    TestCorpus corpus = new TestCorpus(2);
    for (int i = 0; i < 10; i++) {
      corpus.add("p-" + i, new float[] {i, 1}, Map.of("color", "c" + (i % 3)));
    }
    Path built = Files.createDirectories(data.resolve("strings"));
    Path small = LiveIndexes.build(corpus, built, Metric.DOT, StorageType.FLOAT32, 30).folder();
    data = data.resolve("durable");
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(data).optInitialArchive(small).build()) {
      index.upsert(List.of("{\"id\": \"p-new\", \"vector\": [5, 5]}"));
      assertEquals(1, index.delete(List.of("p-1")).applied());
      index.snapshot();
      index.upsert(
          List.of("{\"id\": \"p-x\", \"vector\": [6, 6], \"attributes\": {\"color\": \"c9\"}}"));
      assertEquals(1, index.delete(List.of("p-2")).applied());
    }
    try (DurableIndex index = DurableIndex.builder().setDirectory(data).build()) {
      Map<Object, String> items = DurableOps.dump(index.live());
      assertEquals(10, items.size(), items.toString());
      assertTrue(items.get("p-new").startsWith("[5.0, 5.0] {}"), items.get("p-new"));
      assertTrue(items.get("p-x").startsWith("[6.0, 6.0] {color=c9}"), items.get("p-x"));
      assertEquals(null, items.get("p-1"));
      assertEquals(null, items.get("p-2"));
    }
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString()).toList();
  }

  @Test
  void concurrentUpdatersAreAllRecoveredInLogOrder() throws Exception {
    int threads = 4;
    int each = 10;
    LiveReference reference = reference();
    List<List<LiveReference.Row>> perThread = new ArrayList<>();
    Random r = new Random(5);
    for (int t = 0; t < threads; t++) {
      List<LiveReference.Row> rows = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        rows.add(
            new LiveReference.Row(
                2_000_000L + t * 100L + i,
                LiveIndexes.integerVector(r, DurableOps.DIM),
                LiveIndexes.attributes(r),
                OptionalLong.empty()));
      }
      perThread.add(rows);
    }
    List<Throwable> failures = new ArrayList<>();
    try (DurableIndex index = open()) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<LiveReference.Row> rows = perThread.get(t);
        Thread w =
            new Thread(
                () -> {
                  try {
                    for (LiveReference.Row row : rows) {
                      UpdateResult result = index.upsert(List.of(row.json()));
                      assertEquals(1, result.applied(), result.toString());
                    }
                  } catch (Throwable e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                },
                "durable-test-updater-" + t);
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      assertEquals(List.of(), failures);
      assertEquals(threads * each, index.lastSequence());
    }
    for (List<LiveReference.Row> rows : perThread) {
      for (LiveReference.Row row : rows) {
        reference.upsert(List.of(row));
      }
    }
    try (DurableIndex index = open()) {
      Map<Object, String> want = DurableOps.dump(reference, schema);
      DurableOps.assertSameState(want, DurableOps.dump(index.live()), "recovered");
    }
  }

  @Test
  void anExpirySweepIsLoggedOnlyWhenItRemovesItems() throws Exception {
    LiveReference reference = reference();
    Random r = new Random(3);
    LiveReference.Row soon =
        new LiveReference.Row(
            3_000_000L,
            LiveIndexes.integerVector(r, DurableOps.DIM),
            LiveIndexes.attributes(r),
            OptionalLong.of(NOW + 10));
    try (DurableIndex index = open()) {
      index.upsert(List.of(soon.json()));
      reference.upsert(List.of(soon));
      assertEquals(0, index.expire(NOW + 9));
      assertEquals(1, index.lastSequence());
      assertEquals(1, index.expire(NOW + 10));
      assertEquals(2, index.lastSequence());
      reference.expire(NOW + 10);
    }
    try (DurableIndex index = open()) {
      assertEquals(-1, index.live().slotOf(3_000_000L));
      DurableOps.assertSameState(
          DurableOps.dump(reference, schema), DurableOps.dump(index.live()), "recovered");
    }
  }
}
