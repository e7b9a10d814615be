package dev.linr.e2e.live;

import dev.linr.live.DurableIndex;
import dev.linr.runtime.UpdateResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link DurableConcurrentCrashTest} kills: {@link #THREADS} threads upsert rows into a
 * {@link DurableIndex} at once (sharing log forces), each cycling over its own {@link #IDS} ids,
 * and print {@code ack <thread> <n>} as soon as their update n (1-based) is acknowledged.
 *
 * <p>Arguments: archive, data folder.
 */
public final class DurableConcurrentCrashMain {
  static final int THREADS = 4;
  static final int IDS = 10;
  static final int UPDATES = 5000;

  private DurableConcurrentCrashMain() {}

  /** Thread {@code t}'s update {@code i} (0-based): a row for one of its ids. */
  static LiveReference.Row update(int t, int i) {
    Random r = new Random(31L * (t * 100_003L + i) + 7);
    return DurableOps.row(r, 10_000_000L + t * 1000L + i % IDS, DurableOps.T0);
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (DurableIndex index =
        DurableIndex.builder()
            .setDirectory(Path.of(args[1]))
            .optInitialArchive(Path.of(args[0]))
            .optClock(() -> DurableOps.T0)
            .build()) {
      out.println("open");
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread w =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < UPDATES; i++) {
                      UpdateResult result = index.upsert(List.of(update(thread, i).json()));
                      if (result.applied() != 1) {
                        throw new IllegalStateException(result.toString());
                      }
                      out.println("ack " + thread + " " + (i + 1));
                    }
                  } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                  }
                },
                "durable-crash-updater-" + t);
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
    }
    out.println("done");
  }
}
