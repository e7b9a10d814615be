package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent updaters in a child JVM (their records sharing log forces) are killed with SIGKILL;
 * recovery holds, for every thread, exactly its updates up to its last acknowledged one, or one
 * more (logged but not yet acknowledged), each whole; the archive's own items are untouched.
 */
class DurableConcurrentCrashTest {
  private static final long SEED = 29;
  private static final int KILL_AFTER = 240;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void recoveryAfterSigkillHoldsEachUpdatersAcknowledgedUpdates() throws Exception {
    Path archive =
        LiveIndexes.build(
                DurableOps.corpus(SEED),
                Files.createDirectories(dir.resolve("build")),
                Metric.DOT,
                StorageType.FLOAT32,
                DurableOps.CAPACITY)
            .folder();
    IndexSchema schema = IndexMetadata.read(archive).schema();
    Path folder = dir.resolve("index");
    Path stderr = dir.resolve("child.err");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            DurableConcurrentCrashMain.class.getName(),
            archive.toString(),
            folder.toString());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.redirectError(stderr.toFile());
    Process child = pb.start();
    int[] acked = new int[DurableConcurrentCrashMain.THREADS];
    int total = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean killed = false;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ");
          int t = Integer.parseInt(parts[1]);
          int n = Integer.parseInt(parts[2]);
          assertEquals(acked[t] + 1, n, "thread " + t + " acknowledgements in order");
          acked[t] = n;
          if (++total == KILL_AFTER && !killed) {
            // SIGKILL through the handle, which leaves the pipe open to read what was printed.
            child.toHandle().destroyForcibly();
            killed = true;
          }
        }
      }
      child.waitFor();
    } finally {
      child.destroyForcibly();
    }
    if (total < KILL_AFTER) {
      fail("the child stopped early; stderr:\n" + Files.readString(stderr));
    }
    LiveReference base =
        new LiveReference(schema, DurableOps.REFERENCE_CAPACITY, DurableOps.corpus(SEED));
    Map<Object, String> baseItems = DurableOps.dump(base, schema);
    try (DurableIndex index = DurableIndex.builder().setDirectory(folder).build()) {
      Map<Object, String> recovered = DurableOps.dump(index.live());
      Map<Object, String> rest = new TreeMap<>(recovered);
      for (int t = 0; t < acked.length; t++) {
        Map<Object, String> mine = new TreeMap<>();
        for (int j = 0; j < DurableConcurrentCrashMain.IDS; j++) {
          Object id = 10_000_000L + t * 1000L + j;
          String v = rest.remove(id);
          if (v != null) {
            mine.put(id, v);
          }
        }
        Map<Object, String> atAck = expected(schema, t, acked[t]);
        if (!mine.equals(atAck)) {
          DurableOps.assertSameState(
              expected(schema, t, acked[t] + 1),
              mine,
              "thread " + t + " acknowledged " + acked[t] + " (or one more)");
        }
      }
      DurableOps.assertSameState(baseItems, rest, "the archive's items");
    }
    assertTrue(total >= KILL_AFTER);
  }

  /** Thread {@code t}'s ids after its first {@code count} updates. */
  private static Map<Object, String> expected(IndexSchema schema, int t, int count) {
    LiveReference r =
        new LiveReference(
            schema, DurableOps.REFERENCE_CAPACITY, new dev.linr.e2e.TestCorpus(DurableOps.DIM));
    for (int i = 0; i < count; i++) {
      r.upsert(List.of(DurableConcurrentCrashMain.update(t, i)));
    }
    return DurableOps.dump(r, schema);
  }
}
