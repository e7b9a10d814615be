package dev.linr.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the benchmarks ran on, and the two hardware limits they are measured against: read bandwidth
 * (for B=1 scans, which read every stored byte once) and the matrix-product FLOP/s of libtorch
 * through DJL (for batched scans, which are matrix products).
 */
final class Machine {
  /** Columns per chunk in the chunked matmul probe. */
  static final int MATMUL_CHUNK_ITEMS = 65_536;

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
