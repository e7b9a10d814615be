package dev.linr.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmarks ran on, and the two hardware limits they are measured against: read bandwidth
 * (for B=1 scans, which read every stored byte once) and the matrix-product FLOP/s of libtorch
 * through DJL (for batched scans, which are matrix products).
 */
final class Machine {
  /** Columns per chunk in the chunked matmul probe. */
  static final int MATMUL_CHUNK_ITEMS = 65_536;

  private Machine() {}

  /**
   * The CPU, its cores and the Java version, e.g. "AMD EPYC (family 25 model 17, AVX-512), 2 cores,
   * Java 17.0.15".
   */
  static String describe() {
    List<String> cpuinfo = List.of();
    try {
      cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException e) {
      // described as an unknown CPU
    }
    return describe(
        cpuinfo, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
  }

  /**
   * The description from {@code /proc/cpuinfo}'s lines: the model name, with its family and model
   * numbers and widest vector instructions (AVX-512, AVX2 or neither), since hosts that share a
   * model name ("AMD EPYC") differ in both, and results from one do not compare with another's.
   */
  static String describe(List<String> cpuinfo, int cores, String java) {
    String name = field(cpuinfo, "model name");
    String family = field(cpuinfo, "cpu family");
    String model = field(cpuinfo, "model");
    String flags = " " + field(cpuinfo, "flags") + " ";
    List<String> details = new ArrayList<>();
    if (!family.isEmpty() && !model.isEmpty()) {
      details.add("family " + family + " model " + model);
    }
    if (flags.contains(" avx512f ")) {
      details.add("AVX-512");
    } else if (flags.contains(" avx2 ")) {
      details.add("AVX2");
    } else if (!flags.isBlank()) {
      details.add("no AVX2");
    }
    String cpu = name.isEmpty() ? "unknown CPU" : name;
    if (!details.isEmpty()) {
      cpu += " (" + String.join(", ", details) + ")";
    }
    return cpu + ", " + cores + " cores, Java " + java;
  }

  /** The value of the first {@code key: value} line whose key is exactly {@code key}, or "". */
  private static String field(List<String> cpuinfo, String key) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  /**
   * Read bandwidth in GB/s, the higher of two STREAM-like passes over 512 MB, each the best of
   * five: two Java threads summing a long array (integer sums vectorise, so this measures memory,
   * not arithmetic), and libtorch summing a float32 array through DJL with its own threads. Taking
   * the higher keeps the limit from flattering an engine where one probe reads slower than the
   * memory allows.
   */
  static double readBandwidthGbPerS() throws InterruptedException {
    return Math.max(javaReadBandwidthGbPerS(), libtorchReadBandwidthGbPerS());
  }

  /**
   * libtorch's {@code sum} of a 512 MB float32 array, in GB/s; the best of five after a warm-up.
   */
  static double libtorchReadBandwidthGbPerS() {
    long floats = 128L << 20;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray data = manager.ones(new Shape(floats));
      double best = 0;
      for (int pass = 0; pass <= 5; pass++) {
        long start = System.nanoTime();
        float sum;
        try (NDArray total = data.sum()) {
          sum = total.getFloat();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum <= 0) {
          throw new IllegalStateException("bandwidth probe summed wrongly");
        }
        if (pass > 0) {
          best = Math.max(best, floats * 4.0 / 1e9 / seconds);
        }
      }
      return best;
    }
  }

  /** Two Java threads summing a 512 MB long array, in GB/s; the best of five passes. */
  static double javaReadBandwidthGbPerS() throws InterruptedException {
    long[] data = new long[64 << 20];
    java.util.Arrays.fill(data, 1);
    double best = 0;
    for (int pass = 0; pass < 5; pass++) {
      long start = System.nanoTime();
      long sum = sumInTwoThreads(data);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (sum != data.length) {
        throw new IllegalStateException("bandwidth probe summed wrongly");
      }
      best = Math.max(best, data.length * 8.0 / 1e9 / seconds);
    }
    return best;
  }

  /**
   * The sum of {@code data}, one half on each of two new threads (integer sums vectorise, so this
   * runs at the memory's read speed).
   */
  static long sumInTwoThreads(long[] data) throws InterruptedException {
    AtomicLong sink = new AtomicLong();
    inTwoThreads(
        data.length,
        (from, to) -> {
          long s = 0;
          for (int i = from; i < to; i++) {
            s += data[i];
          }
          sink.addAndGet(s);
        });
    return sink.get();
  }

  /** Work on the positions [from, to) of a range. */
  @FunctionalInterface
  interface RangeAction {
    void run(int from, int to);
  }

  /** Runs {@code action} over [0, n), one half on each of two new threads, and waits for both. */
  static void inTwoThreads(int n, RangeAction action) throws InterruptedException {
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int from = (int) ((long) t * n / 2);
      int to = (int) ((long) (t + 1) * n / 2);
      threads[t] = new Thread(() -> action.run(from, to), "bandwidth-probe-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /**
   * Matrix-product speed in GFLOP/s: libtorch's {@code matMul} of a [batch, dim] by a [dim, items]
   * float32 array through DJL on the CPU, counted as 2 * batch * items * dim flops. Two ways, the
   * faster counting: the whole product at once, and the same product as products of column chunks
   * of {@value #MATMUL_CHUNK_ITEMS} items (whose outputs stay in cache and reuse freed memory,
   * where the whole [batch, items] output is fresh memory every time). Each is the best of {@code
   * runs} timed runs after one warm-up. Allocates a dim x items float32 array (items * dim * 4
   * bytes off the Java heap) for the duration of the call.
   */
  static double matmulGflopPerS(int batch, long items, int dim, int runs) {
    if (batch < 1 || items < 1 || dim < 1 || runs < 1) {
      throw new IllegalArgumentException(
          "matmul probe: batch, items, dim and runs must be positive, got "
              + batch
              + ", "
              + items
              + ", "
              + dim
              + ", "
              + runs);
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray q = manager.randomNormal(new Shape(batch, dim));
      NDArray e = manager.randomNormal(new Shape(dim, items));
      NDList chunks = e.split(chunkStarts(items), 1);
      double whole = bestSeconds(runs, () -> multiply(q, new NDList(e), items));
      double chunked = bestSeconds(runs, () -> multiply(q, chunks, items));
      return 2.0 * batch * items * dim / 1e9 / Math.min(whole, chunked);
    }
  }

  private static long[] chunkStarts(long items) {
    return java.util.stream.LongStream.iterate(
            MATMUL_CHUNK_ITEMS, i -> i < items, i -> i + MATMUL_CHUNK_ITEMS)
        .toArray();
  }

  private static void multiply(NDArray q, NDList parts, long items) {
    long columns = 0;
    for (NDArray part : parts) {
      try (NDArray product = q.matMul(part)) {
        columns += product.getShape().get(1);
      }
    }
    if (columns != items) {
      throw new IllegalStateException("matmul probe: wrong product shape");
    }
  }

  private static double bestSeconds(int runs, Runnable work) {
    double best = Double.MAX_VALUE;
    for (int run = 0; run <= runs; run++) {
      long start = System.nanoTime();
      work.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (run > 0) {
        best = Math.min(best, seconds);
      }
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
