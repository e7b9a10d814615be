package dev.linr.e2e.live;

import dev.linr.index.IndexMetadata;
import dev.linr.live.DurableIndex;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link DurableCrashTest} kills: applies {@link DurableOps#stream} to a {@link
 * DurableIndex} and prints {@code ack <n>} as soon as update n (1-based) is acknowledged, {@code
 * snapshot <n>} before a snapshot after update n and {@code snapshotted <n>} after it.
 *
 * <p>Arguments: archive, data folder, seed, number of updates, snapshot every this many updates.
 */
public final class DurableCrashMain {
  private DurableCrashMain() {}

  public static void main(String[] args) throws Exception {
    Path archive = Path.of(args[0]);
    Path data = Path.of(args[1]);
    long seed = Long.parseLong(args[2]);
    int count = Integer.parseInt(args[3]);
    int snapshotEvery = Integer.parseInt(args[4]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    List<DurableOps.Op> ops = DurableOps.stream(seed, count, IndexMetadata.read(archive).schema());
    try (DurableIndex index =
        DurableIndex.builder()
            .setDirectory(data)
            .optInitialArchive(archive)
            .optClock(() -> DurableOps.T0)
            .optSegmentBytes(2048)
            .build()) {
      out.println("open");
      out.flush();
      for (int i = 0; i < ops.size(); i++) {
        DurableOps.apply(index, ops.get(i));
        out.println("ack " + (i + 1));
        out.flush();
        if ((i + 1) % snapshotEvery == 0) {
          out.println("snapshot " + (i + 1));
          out.flush();
          index.snapshot();
          out.println("snapshotted " + (i + 1));
          out.flush();
        }
      }
    }
    out.println("done");
    out.flush();
  }
}
