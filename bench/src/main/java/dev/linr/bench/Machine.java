package dev.linr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** What the benchmarks ran on, and a read-bandwidth probe for the hardware limit. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse(cpu);
    } catch (IOException e) {
      // keep the default
    }
    return cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version");
  }

  /**
   * Read bandwidth in GB/s: two threads summing a 512 MB long array (integer sums vectorise, so
   * this measures memory, not arithmetic). The best of five passes.
   */
  static double readBandwidthGbPerS() throws InterruptedException {
    long[] data = new long[64 << 20];
    java.util.Arrays.fill(data, 1);
    double best = 0;
    for (int pass = 0; pass < 5; pass++) {
      AtomicLong sink = new AtomicLong();
      Thread[] threads = new Thread[2];
      long start = System.nanoTime();
      for (int t = 0; t < 2; t++) {
        int from = t * data.length / 2;
        int to = (t + 1) * data.length / 2;
        threads[t] =
            new Thread(
                () -> {
                  long s = 0;
                  for (int i = from; i < to; i++) {
                    s += data[i];
                  }
                  sink.addAndGet(s);
                },
                "bandwidth-probe-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (sink.get() != data.length) {
        throw new IllegalStateException("bandwidth probe summed wrongly");
      }
      best = Math.max(best, data.length * 8.0 / 1e9 / seconds);
    }
    return best;
  }

  /** The 1-minute load average (other work sharing the cores), or -1 where unknown. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
