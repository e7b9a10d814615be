package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.linr.index.IndexMetadata;
import dev.linr.live.DurableIndex;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A child JVM applying updates to a {@link DurableIndex} is killed with SIGKILL (after some number
 * of acknowledged updates, or just as a snapshot starts); recovery in this JVM then holds every
 * acknowledged update, and at most the one update in flight besides, whole: its state equals the
 * reference after the last acknowledged update or after the next one, item by item and query by
 * query.
 */
class DurableCrashTest {
  private static final long SEED = 23;
  private static final int UPDATES = 400;
  private static final int SNAPSHOT_EVERY = 70;

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

  /** Waits for a new {@code .tmp-} folder that still exists (earlier ones were renamed). */
  private static boolean awaitTemporaryFolder(WatchService watcher, Path snapshots)
      throws InterruptedException {
    while (true) {
      WatchKey key = watcher.poll(60, TimeUnit.SECONDS);
      if (key == null) {
        return false;
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        Object name = event.context();
        if (name != null
            && name.toString().startsWith(".tmp-")
            && Files.exists(snapshots.resolve(name.toString()))) {
          return true;
        }
      }
      key.reset();
    }
  }

  @ParameterizedTest(name = "kill after {0} acks, at a snapshot: {1}")
  @CsvSource({"37, false", "153, false", "71, true"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void recoveryAfterSigkillHoldsEveryAcknowledgedUpdate(int killAfter, boolean atSnapshot)
      throws Exception {
    Path stderr = data.resolve("child.err");
    Path folder = data.resolve("index");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            DurableCrashMain.class.getName(),
            archive.toString(),
            folder.toString(),
            Long.toString(SEED),
            Integer.toString(UPDATES),
            Integer.toString(SNAPSHOT_EVERY));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.redirectError(stderr.toFile());
    Process child = pb.start();
    int acked = 0;
    boolean killedAtSnapshot = false;
    Path snapshots = folder.resolve("snapshots");
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        WatchService watcher = FileSystems.getDefault().newWatchService()) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("open")) {
          snapshots.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } else if (line.startsWith("snapshot ") && atSnapshot && acked >= killAfter) {
          // Kill once the snapshot's temporary folder exists: mid-write.
          killedAtSnapshot = awaitTemporaryFolder(watcher, snapshots);
          break;
        } else if (line.startsWith("ack ")) {
          acked = Integer.parseInt(line.substring(4));
          if (!atSnapshot && acked == killAfter) {
            break;
          }
        }
      }
      // SIGKILL through the handle, which leaves the pipe open: the child ran on while this read,
      // and the acknowledgements it printed before it died count.
      child.toHandle().destroyForcibly();
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          acked = Integer.parseInt(line.substring(4));
        }
      }
      child.waitFor();
    } finally {
      child.destroyForcibly();
    }
    String context = "killed after ack " + acked + (killedAtSnapshot ? " at a snapshot" : "");
    List<String> atKill = new ArrayList<>();
    if (Files.isDirectory(folder.resolve("snapshots"))) {
      try (var listing = Files.list(folder.resolve("snapshots"))) {
        listing.forEach(p -> atKill.add(p.getFileName().toString()));
      }
    }
    context += ", snapshots left " + atKill;
    if (acked == 0
        || acked >= UPDATES - 5
        || (atSnapshot ? !killedAtSnapshot : acked < killAfter)) {
      fail(context + ": the child stopped early; stderr:\n" + Files.readString(stderr));
    }
    List<DurableOps.Op> ops = DurableOps.stream(SEED, UPDATES, schema);
    LiveReference reference =
        new LiveReference(schema, DurableOps.REFERENCE_CAPACITY, DurableOps.corpus(SEED));
    for (int i = 0; i < acked; i++) {
      DurableOps.apply(reference, ops.get(i));
    }
    Map<Object, String> afterAcked = DurableOps.dump(reference, schema);
    LiveReference next =
        new LiveReference(schema, DurableOps.REFERENCE_CAPACITY, DurableOps.corpus(SEED));
    for (int i = 0; i <= acked; i++) {
      DurableOps.apply(next, ops.get(i));
    }
    Map<Object, String> afterNext = DurableOps.dump(next, schema);
    try (DurableIndex index =
        DurableIndex.builder().setDirectory(folder).optClock(() -> DurableOps.T0).build()) {
      Map<Object, String> recovered = DurableOps.dump(index.live());
      if (recovered.equals(afterAcked)) {
        DurableOps.assertSameSearches(index.live(), reference, SEED, 10, DurableOps.T0, context);
      } else {
        if (!recovered.equals(afterNext)) {
          DurableOps.assertSameState(afterAcked, recovered, context + ", against update " + acked);
        }
        DurableOps.assertSameSearches(index.live(), next, SEED, 10, DurableOps.T0, context);
      }
      // The recovered index goes on taking updates durably.
      List<DurableOps.Op> more = new ArrayList<>(ops.subList(acked, acked + 5));
      LiveReference continued = recovered.equals(afterAcked) ? reference : next;
      int from = recovered.equals(afterAcked) ? 0 : 1;
      for (int i = from; i < more.size(); i++) {
        DurableOps.apply(index, more.get(i));
        DurableOps.apply(continued, more.get(i));
      }
      DurableOps.assertSameState(
          DurableOps.dump(continued, schema), DurableOps.dump(index.live()), context + ", then");
    }
    assertTrue(acked > 0);
  }
}
