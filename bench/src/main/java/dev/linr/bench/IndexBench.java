package dev.linr.bench;

import com.google.gson.JsonObject;
import dev.linr.demo.DemoCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.SearchRequest;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The index benchmark: builds an N x d index (default 1M x 128 float32, dot) from a {@code .npy},
 * then times B=1 latency and B=32 throughput through DJL side by side with stock PyTorch running
 * the same archive and a plain-Java brute force, and checks that all three return the same slots.
 *
 * <p>Run: {@code ./linr bench index [--items N] [--dim D] [--dtype T] [--peers none]}. With {@code
 * --peers none} only linr runs (for archives too large for the peers' memory, such as the zip64
 * check: {@code --items 4200000 --dim 256} writes a 4.3 GB model with a 4.3 GB tensor).
 */
public final class IndexBench {
  private final long items;
  private final int dim;
  private final StorageType dtype;
  private final Path work;
  private final int k = 10;
  private final int repeats;
  private final boolean peers;

  IndexBench(long items, int dim, StorageType dtype, Path work, int repeats, boolean peers) {
    this.peers = peers;
    this.items = items;
    this.dim = dim;
    this.dtype = dtype;
    this.work = work;
    this.repeats = repeats;
  }

  JsonObject run() throws Exception {
    Files.createDirectories(work);
    JsonObject out = new JsonObject();
    out.addProperty("date", LocalDate.now().toString());
    out.addProperty("machine", Machine.describe());
    out.addProperty("items", items);
    out.addProperty("dim", dim);
    out.addProperty("dtype", dtype.jsonName());
    DemoCorpus corpus = new DemoCorpus(dim, 64, 7);
    Path npy = work.resolve("vectors.npy");
    Path meta = work.resolve("items.jsonl");
    long t0 = System.nanoTime();
    corpus.writeNpy(npy, meta, items);
    out.addProperty("generate_s", (System.nanoTime() - t0) / 1e9);

    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    System.gc();
    BuildResult built =
        BenchBuilds.builder(
                npy,
                meta,
                work.resolve("index"),
                Metric.DOT,
                dtype,
                items,
                BenchBuilds.PROGRESS_ITEMS)
            .optOverwrite(true)
            .build()
            .run();
    out.addProperty("build_s", built.elapsed().toMillis() / 1000.0);
    out.addProperty("build_items_per_s", Math.round(built.itemsPerSecond()));
    out.addProperty("build_peak_heap_mb", peakHeapBytes() / (1 << 20));
    out.addProperty("model_bytes", built.modelBytes());

    float[][] queries = new float[64][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = corpus.queryNear(i, 1000 + i);
    }
    Path queryFile = writeQueries(queries);
    int[] linrFirst;
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      linrFirst = LinrFilterRuns.slots(index.search(request(queries[0])));
      out.addProperty("linr_b1_ms", medianMs(() -> index.search(request(queries[next(queries)]))));
      out.addProperty("linr_b32_ms", medianMs(() -> index.search(batch(queries, 32))));
    }
    out.addProperty("zip64", built.modelBytes() >= 0xFFFFFFFFL);
    if (!peers) {
      return finish(out);
    }
    JsonObject torch =
        TorchPeer.run(built.folder().resolve("index.pt"), queryFile, dim, k, repeats);
    if (torch != null) {
      out.addProperty("torch_version", torch.get("torch_version").getAsString());
      out.addProperty("torch_b1_ms", torch.get("b1_ms").getAsDouble());
      out.addProperty("torch_b32_ms", torch.get("b32_ms").getAsDouble());
      out.addProperty("torch_agrees", Arrays.equals(linrFirst, ints(torch.get("first_slots"))));
    }
    if (dtype == StorageType.FLOAT32) {
      bruteForce(npy, queries, linrFirst, out);
    }
    return finish(out);
  }

  private JsonObject finish(JsonObject out) throws InterruptedException {
    HardwareLimits.measure(items, dim, out);
    double bytes = (double) items * dim * dtype.bytes();
    out.addProperty("scan_gb", bytes / 1e9);
    out.addProperty("linr_b1_gb_per_s", bytes / 1e9 / (out.get("linr_b1_ms").getAsDouble() / 1000));
    double flops = 2.0 * items * dim * 32;
    out.addProperty(
        "linr_b32_gflop_per_s", flops / 1e9 / (out.get("linr_b32_ms").getAsDouble() / 1000));
    for (String engine : new String[] {"linr", "torch", "java"}) {
      HardwareLimits.fractions(out, engine);
    }
    return out;
  }

  private int cursor;

  private int next(float[][] queries) {
    cursor = (cursor + 1) % queries.length;
    return cursor;
  }

  private SearchRequest request(float[] q) {
    return SearchRequest.builder().setVector(q).optK(k).build();
  }

  private SearchBatch batch(float[][] queries, int size) {
    List<SearchRequest> list = new ArrayList<>();
    int start = next(queries) % (queries.length - size + 1);
    for (int i = 0; i < size; i++) {
      list.add(request(queries[start + i]));
    }
    return SearchBatch.of(list);
  }

  private static int[] ints(com.google.gson.JsonElement array) {
    int[] out = new int[array.getAsJsonArray().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.getAsJsonArray().get(i).getAsInt();
    }
    return out;
  }

  private void bruteForce(Path npy, float[][] queries, int[] linrFirst, JsonObject out)
      throws Exception {
    float[] vectors = NpyReader.read(npy, items, dim);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory named = r -> new Thread(r, "brute-force-" + n.incrementAndGet());
    ExecutorService pool = Executors.newFixedThreadPool(2, named);
    try {
      BruteForceSearch brute = new BruteForceSearch(vectors, dim, pool, 2);
      out.addProperty("java_agrees", Arrays.equals(linrFirst, brute.search(queries[0], k)));
      out.addProperty("java_b1_ms", medianMs(() -> brute.search(queries[next(queries)], k)));
      out.addProperty(
          "java_b32_ms",
          medianMs(
              () -> {
                for (int i = 0; i < 32; i++) {
                  brute.search(queries[i], k);
                }
                return null;
              }));
    } finally {
      pool.shutdownNow();
    }
  }

  private Path writeQueries(float[][] queries) throws IOException {
    return TorchPeer.writeQueries(queries, work.resolve("queries.f32"));
  }

  /** A timed action. */
  interface Action {
    Object run() throws Exception;
  }

  private double medianMs(Action action) throws Exception {
    for (int i = 0; i < 3; i++) {
      action.run();
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      action.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[repeats / 2];
  }

  private static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  /** Entry point: {@code IndexBench [--items N] [--dim D] [--dtype T] [--repeats R]}. */
  public static void main(String[] args) throws Exception {
    long items = 1_000_000;
    int dim = 128;
    int repeats = 20;
    StorageType dtype = StorageType.FLOAT32;
    boolean peers = true;
    Path results = Path.of("bench", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--items" -> items = Long.parseLong(args[i + 1]);
        case "--dim" -> dim = Integer.parseInt(args[i + 1]);
        case "--dtype" -> dtype = StorageType.parse(args[i + 1]);
        case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
        case "--results" -> results = Path.of(args[i + 1]);
        case "--peers" -> peers = !"none".equals(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("linr-bench-");
    try {
      JsonObject r = new IndexBench(items, dim, dtype, work, repeats, peers).run();
      String base = String.format(Locale.ROOT, "index-%d-%d-%s", items, dim, dtype.jsonName());
      ResultFiles.write(results, base, r, Report.indexTable(r), png -> IndexChart.write(r, png));
    } finally {
      dev.linr.archive.FileTrees.deleteTree(work);
    }
  }
}
