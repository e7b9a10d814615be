package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.index.AttributeColumn;
import dev.linr.index.BufferSpec;
import dev.linr.index.BuildResult;
import dev.linr.index.FormatVersion;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.index.IndexProgram;
import dev.linr.index.StoredVectors;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same archives run three ways: stock PyTorch ({@code torch.jit.load} in {@code
 * /usr/bin/python3}, see {@link TorchPeer}), DJL's libtorch through {@link LinrIndex}, and the
 * plain-Java {@link BruteForce}. This checks that the TorchScript archive written by pure Java is a
 * model any PyTorch loads and runs to the same answers, that the buffers PyTorch reads are the ones
 * Java wrote, and that DJL's decoding of the outputs matches a decoding done outside linr (the
 * first min(k, matched) entries of each output row).
 *
 * <p>Each test starts Python once, for all of its models and queries, and skips (a JUnit
 * assumption) where {@code python3 -c 'import torch'} fails. PyTorch runs every call on each search
 * path the model offers (automatic, forced masked, forced compact), and on integer data with
 * half-precision storage also with {@code chunk_rows} overridden, so that the CPU widening loop
 * runs many chunks and a partial last one.
 */
class TorchCrossCheckTest {
  /** PyTorch against DJL: scores within this share of the magnitude of the summed terms. */
  private static final double ENGINE_TOLERANCE = 1e-5;

  /** Either engine against the double-precision reference (as in {@link ExactSearchTest}). */
  private static final double REFERENCE_TOLERANCE = 1e-4;

  @TempDir Path dir;

  @BeforeAll
  static void startTorchProbe() {
    PythonTorch.startProbe(); // overlaps the import-torch probe with the first builds
  }

  /** An archive built for the test. */
  private record Built(String name, StorageType dtype, BuildResult result) {
    Path modelFile() {
      return result.folder().resolve(result.name() + ".pt");
    }
  }

  private Built build(TestCorpus corpus, String sub, Metric metric, StorageType dtype, double slack)
      throws Exception {
    Path where = Files.createDirectories(dir.resolve(sub));
    BuildResult r = Indexes.build(corpus, where, metric, dtype, slack);
    return new Built(sub + " " + metric + "/" + dtype, dtype, r);
  }

  // ---------------------------------------------------------------------------------------------
  // Integer data: exact ties, exact arithmetic in every engine.

  @Test
  void integerCorporaAgreeExactlyIncludingTies() throws Exception {
    TestCorpus corpus = TestCorpus.integers(3, 300, 4, 2);
    int n = corpus.size();
    List<float[]> queries = new ArrayList<>();
    Random r = new Random(5);
    for (int i = 0; i < 10; i++) {
      float[] q = new float[4];
      for (int j = 0; j < 4; j++) {
        q[j] = r.nextInt(5) - 2;
      }
      queries.add(q);
    }
    queries.add(new float[4]); // every score 0 (dot) or -|e|^2 (l2): ties everywhere
    queries.add(corpus.items.get(17).vector());
    int[] ks = {1, 5, n, n + 3};

    List<Built> built = new ArrayList<>();
    for (Metric metric : new Metric[] {Metric.DOT, Metric.L2}) {
      for (StorageType dtype : StorageType.values()) {
        built.add(build(corpus, "int", metric, dtype, 0.10));
      }
    }
    TorchPeer.Request request = new TorchPeer.Request();
    for (Built b : built) {
      TorchPeer.Job job = request.job(b.name(), b.modelFile());
      // Small chunks: half types are widened in 43 chunks (the last one partial), and the
      // two-level search scores in chunks of 18 rows with blocks of 1 row (chunk_rows 7) or in one
      // chunk with blocks of 4 rows (256), so that its bounds meet ties at every k. Tied rows are
      // settled by a running count up to chunk_rows * 256 scores, beyond by their positions: at
      // chunk_rows 1 every tied row of these 300 items takes the positions.
      job.chunkRows(1, 7, 256);
      for (int k : ks) {
        job.call(k, queries);
      }
    }
    Tally tally = new Tally();
    TorchPeer.Response torch =
        crossCheck(corpus, built, request, true, tally, cmp -> sameK(cmp, queries, ks));
    System.out.printf(
        Locale.ROOT,
        "TorchCrossCheckTest: torch %s agreed exactly with DJL and the brute force on integer data"
            + " (%d rows, %d hits, %d forward variants)%n",
        torch.torchVersion(),
        tally.rows,
        tally.hits,
        tally.variants);
  }

  // ---------------------------------------------------------------------------------------------
  // Gaussian data: every metric and storage type, within float32 tolerances.

  @Test
  void gaussianCorporaAgreeForEveryMetricAndDtype() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(7, 500, 24);
    Random r = new Random(8);
    for (int i = 0; i < 20; i++) { // exact duplicates: exact ties in any engine
      corpus.add(9_000_000L + i, corpus.items.get(r.nextInt(500)).vector(), Map.of());
    }
    for (int i = 0; i < 3; i++) {
      corpus.add(9_100_000L + i, new float[24], Map.of());
    }
    int n = corpus.size();
    List<float[]> queries = new ArrayList<>();
    Random qr = new Random(11);
    for (int i = 0; i < 6; i++) {
      queries.add(TestCorpus.gaussianVector(qr, 24));
    }
    queries.add(new float[24]);
    queries.add(corpus.items.get(17).vector());
    int[] ks = {1, 10, n + 3};

    List<Built> built = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      for (StorageType dtype : StorageType.values()) {
        built.add(build(corpus, "gauss", metric, dtype, 0.10));
      }
    }
    TorchPeer.Request request = new TorchPeer.Request();
    for (Built b : built) {
      TorchPeer.Job job = request.job(b.name(), b.modelFile());
      for (int k : ks) {
        job.call(k, queries);
      }
    }
    Tally tally = new Tally();
    TorchPeer.Response torch =
        crossCheck(corpus, built, request, false, tally, cmp -> sameK(cmp, queries, ks));
    System.out.printf(
        Locale.ROOT,
        "TorchCrossCheckTest: torch %s vs DJL on gaussian data: %d hits, %d bit-identical scores,"
            + " largest difference %.3g of the term magnitude, %d near-tie swaps%n",
        torch.torchVersion(),
        tally.hits,
        tally.identical,
        tally.worst,
        tally.swaps);
  }

  // ---------------------------------------------------------------------------------------------
  // One query against enough rows that the CPU product cuts them into parts (rows left over).

  @Test
  void oneQueryScansInPartsAgree() throws Exception {
    // 4,099 rows of 24 values: the row-major product's size, so one query's rows are cut into 4
    // parts of 1,024 and 3 rows left over; half types widened in chunks of 2,050 rows (the peer's
    // variant) cut 2 parts from each chunk, with 1 row left over in the second.
    TestCorpus corpus = TestCorpus.gaussian(13, 4_099, 24);
    int n = corpus.size();
    List<float[]> queries = new ArrayList<>();
    Random qr = new Random(17);
    for (int i = 0; i < 3; i++) {
      queries.add(TestCorpus.gaussianVector(qr, 24));
    }
    queries.add(corpus.items.get(n - 1).vector()); // a row left over
    queries.add(corpus.items.get(n - 4).vector()); // the last row of the last part
    // The two-level search for each query, and every score in order for the first.
    List<Map.Entry<Integer, float[]>> calls = new ArrayList<>();
    queries.forEach(q -> calls.add(Map.entry(10, q)));
    calls.add(Map.entry(n + 3, queries.get(0)));

    // Each metric and each storage type once (the product is the same for every metric).
    List<Built> built = new ArrayList<>();
    built.add(build(corpus, "parts", Metric.DOT, StorageType.FLOAT32, 0.10));
    built.add(build(corpus, "parts", Metric.L2, StorageType.FLOAT16, 0.10));
    built.add(build(corpus, "parts", Metric.COSINE, StorageType.BFLOAT16, 0.10));
    TorchPeer.Request request = new TorchPeer.Request();
    for (Built b : built) {
      TorchPeer.Job job = request.job(b.name(), b.modelFile());
      job.chunkRows(2_050);
      calls.forEach(call -> job.call(call.getKey(), List.of(call.getValue())));
    }
    Tally tally = new Tally();
    TorchPeer.Response torch =
        crossCheck(
            corpus,
            built,
            request,
            false,
            tally,
            cmp -> {
              List<Batch> mine = new ArrayList<>();
              for (Map.Entry<Integer, float[]> call : calls) {
                mine.add(
                    cmp.prepare(List.of(call.getValue()), new int[] {call.getKey()}, null, null));
              }
              return mine;
            });
    // Every variant of every call was checked, each one query wide.
    long variantsPerCall = tally.variants / ((long) built.size() * calls.size());
    assertTrue(variantsPerCall >= 2, "the chunk_rows variant ran: " + tally.variants);
    assertEquals(tally.variants, tally.rows);
    assertEquals(variantsPerCall * built.size() * (10L * queries.size() + n), tally.hits);
    System.out.printf(
        Locale.ROOT,
        "TorchCrossCheckTest: torch %s vs DJL, one query at a time over %d rows in parts: %d hits,"
            + " %d bit-identical scores, largest difference %.3g of the term magnitude%n",
        torch.torchVersion(),
        n,
        tally.hits,
        tally.identical,
        tally.worst);
  }

  // ---------------------------------------------------------------------------------------------
  // Per-query allow masks.

  @Test
  void perQueryAllowMasksAgree() throws Exception {
    TestCorpus ints = TestCorpus.integers(13, 400, 4, 2);
    TestCorpus gauss = TestCorpus.gaussian(21, 900, 16);
    List<Built> built =
        List.of(
            build(ints, "mask-int", Metric.L2, StorageType.BFLOAT16, 1.0),
            build(ints, "mask-int", Metric.DOT, StorageType.FLOAT32, 1.0),
            build(gauss, "mask-gauss", Metric.COSINE, StorageType.FLOAT16, 1.0),
            build(gauss, "mask-gauss", Metric.DOT, StorageType.FLOAT32, 1.0));
    List<TestCorpus> corpora = List.of(ints, ints, gauss, gauss);
    List<MaskedBatch> batches = new ArrayList<>();
    List<List<MaskCall>> calls = new ArrayList<>();
    TorchPeer.Request request = new TorchPeer.Request();
    for (int j = 0; j < built.size(); j++) {
      Built b = built.get(j);
      TestCorpus corpus = corpora.get(j);
      long capacity = b.result().capacity();
      assertTrue(capacity >= corpus.size() + 60, "the masks need slack slots");
      Random r = new Random(40 + j);
      MaskedBatch batch = maskedBatch(corpus, capacity, r, corpus == ints);
      batches.add(batch);
      int rows = batch.ks().length;
      int[] beyond = new int[rows];
      Arrays.fill(beyond, corpus.size() + 3);
      int[] ten = new int[rows];
      Arrays.fill(ten, 10);
      BitSet shared = new BitSet();
      for (int s = 0; s < capacity; s++) {
        if (r.nextDouble() < 0.3) {
          shared.set(s);
        }
      }
      List<MaskCall> mine =
          List.of(
              // each query its own k (the model gets the largest) and its own mask
              new MaskCall(batch.ks(), batch.allow(), false),
              // k above the item count: every passing item comes back
              new MaskCall(beyond, batch.allow(), false),
              // one mask row for the whole batch: allow [1, capacity] (DJL sends B copies)
              new MaskCall(ten, Collections.nCopies(rows, shared), true));
      calls.add(mine);
      TorchPeer.Job job = request.job(b.name(), b.modelFile());
      for (MaskCall call : mine) {
        job.call(
            call.maxK(),
            call.ks(),
            batch.queries(),
            call.shared() ? List.of(call.allow().get(0)) : call.allow(),
            capacity);
      }
    }
    Tally tally = new Tally();
    TorchPeer.Response torch;
    List<List<Batch>> prepared = new ArrayList<>();
    try (TorchPeer.Pending pending = TorchPeer.start(dir, request)) {
      for (int j = 0; j < built.size(); j++) {
        Built b = built.get(j);
        TestCorpus corpus = corpora.get(j);
        try (LinrIndex index = LinrIndex.open(b.result().folder())) {
          Comparison cmp = new Comparison(b.name(), corpus, index, corpus == ints, tally);
          List<Batch> mine = new ArrayList<>();
          for (MaskCall call : calls.get(j)) {
            List<String> labels =
                call.shared()
                    ? Collections.nCopies(call.ks().length, "shared")
                    : batches.get(j).labels();
            mine.add(cmp.prepare(batches.get(j).queries(), call.ks(), call.allow(), labels));
          }
          prepared.add(mine);
        }
      }
      torch = pending.await();
    }
    for (int j = 0; j < built.size(); j++) {
      Built b = built.get(j);
      TestCorpus corpus = corpora.get(j);
      for (int c = 0; c < calls.get(j).size(); c++) {
        Batch batch = prepared.get(j).get(c);
        List<String> labels = batch.labels();
        List<TorchPeer.Variant> variants = torch.variants(j, c);
        batch.check(variants);
        for (TorchPeer.Variant v : variants) {
          for (int i = 0; i < labels.size(); i++) {
            TorchPeer.Row row = v.rows().get(i);
            String context = b.name() + " mask " + labels.get(i) + " [torch " + v.label() + "]";
            if (labels.get(i).equals("nothing") || labels.get(i).equals("slack only")) {
              assertEquals(0, row.matched(), context + ": matched");
              assertEquals(0, row.size(), context + ": hits");
            }
            if (labels.get(i).equals("exactly k")) {
              assertEquals(10, row.matched(), context + ": matched");
              assertEquals(10, row.size(), context + ": hits");
              for (long slot : row.slots()) {
                assertTrue(slot >= 100 && slot < 110, context + ": slot " + slot);
              }
            }
            if (labels.get(i).equals("last item only")) {
              assertEquals(1, row.matched(), context + ": matched");
              assertEquals(corpus.size() - 1, row.slots()[0], context + ": slot");
            }
          }
        }
      }
    }
  }

  /**
   * One forward pass of the mask test.
   *
   * @param ks each query's k
   * @param allow each query's mask (what DJL and the reference get)
   * @param shared whether PyTorch gets only the first mask, as one [1, capacity] row for the batch
   */
  private record MaskCall(int[] ks, List<BitSet> allow, boolean shared) {
    int maxK() {
      return Arrays.stream(ks).max().orElseThrow();
    }
  }

  /** Queries, their own k and their allow masks, with a label for each kind of mask. */
  private record MaskedBatch(
      List<float[]> queries, int[] ks, List<BitSet> allow, List<String> labels) {}

  private static MaskedBatch maskedBatch(
      TestCorpus corpus, long capacity, Random r, boolean integerQueries) {
    int n = corpus.size();
    int d = corpus.dimension;
    List<float[]> queries = new ArrayList<>();
    List<Integer> ks = new ArrayList<>();
    List<BitSet> allow = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    double[] rates = {0.005, 0.01, 0.1, 0.5, 1.0};
    int[] rateKs = {1, 10, 37, 10, 5};
    for (int i = 0; i < rates.length; i++) {
      BitSet set = new BitSet();
      for (int s = 0; s < capacity; s++) { // slack slots are offered too; they never pass
        if (r.nextDouble() < rates[i]) {
          set.set(s);
        }
      }
      labels.add("rate " + rates[i]);
      allow.add(set);
      ks.add(rateKs[i]);
    }
    labels.add("nothing");
    allow.add(new BitSet());
    ks.add(10);
    BitSet exactlyK = new BitSet();
    exactlyK.set(100, 110);
    exactlyK.set(n, n + 50);
    labels.add("exactly k");
    allow.add(exactlyK);
    ks.add(10);
    BitSet slackOnly = new BitSet();
    slackOnly.set(n, (int) capacity);
    labels.add("slack only");
    allow.add(slackOnly);
    ks.add(10);
    BitSet single = new BitSet();
    single.set(n - 1);
    labels.add("last item only");
    allow.add(single);
    ks.add(1);
    for (int i = 0; i < labels.size(); i++) {
      float[] q = new float[d];
      for (int j = 0; j < d; j++) {
        q[j] = integerQueries ? r.nextInt(5) - 2 : (float) r.nextGaussian();
      }
      queries.add(q);
    }
    return new MaskedBatch(
        queries, ks.stream().mapToInt(Integer::intValue).toArray(), allow, labels);
  }

  // ---------------------------------------------------------------------------------------------
  // The buffers PyTorch reads are the ones Java wrote.

  @Test
  void buffersReadByPyTorchAreTheOnesJavaWrote() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(41, 120, 8);
    corpus.add(77L, new float[8], Map.of()); // a zero vector, without attributes
    List<Built> built =
        List.of(
            build(corpus, "buf", Metric.DOT, StorageType.FLOAT32, 0.25),
            build(corpus, "buf", Metric.COSINE, StorageType.FLOAT16, 0.25),
            build(corpus, "buf", Metric.L2, StorageType.BFLOAT16, 0.25));
    TorchPeer.Request request = new TorchPeer.Request();
    for (Built b : built) {
      request.job(b.name(), b.modelFile()).inspect();
    }
    TorchPeer.Response torch = TorchPeer.run(dir, request);

    for (int j = 0; j < built.size(); j++) {
      Built b = built.get(j);
      IndexMetadata metadata = IndexMetadata.read(b.result().folder());
      checkBuffers(corpus, metadata, torch.inspection(j), b.name());
    }
  }

  private static void checkBuffers(
      TestCorpus corpus, IndexMetadata metadata, JsonObject inspection, String name) {
    IndexSchema schema = metadata.schema();
    IndexLayout layout = metadata.layout();
    int n = corpus.size();
    long capacity = metadata.capacity();
    int d = schema.dimension();
    assertEquals(n, metadata.count(), name + ": count");
    assertEquals(IndexProgram.CLASS_NAME, inspection.get("original_name").getAsString(), name);
    assertEquals(FormatVersion.CURRENT, inspection.get("format_version").getAsInt(), name);
    assertEquals(IndexProgram.DEFAULT_CHUNK_ROWS, inspection.get("chunk_rows").getAsInt(), name);

    Map<String, JsonObject> buffers = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (JsonElement e : inspection.getAsJsonArray("buffers")) {
      JsonObject o = e.getAsJsonObject();
      buffers.put(o.get("name").getAsString(), o);
      order.add(o.get("name").getAsString());
    }
    List<String> expectedOrder = new ArrayList<>();
    for (BufferSpec spec : layout.buffers()) {
      expectedOrder.add(spec.name());
      JsonObject o = buffers.get(spec.name());
      assertTrue(o != null, name + ": PyTorch does not see buffer " + spec.name());
      assertEquals(
          spec.dtype().name().toLowerCase(Locale.ROOT),
          o.get("dtype").getAsString(),
          name + ": dtype of " + spec.name());
      assertArrayEquals(
          spec.shape(),
          TorchPeer.longs(o.getAsJsonArray("shape")),
          name + ": shape of " + spec.name());
      assertEquals(
          spec.numel(), o.getAsJsonArray("content").size(), name + ": elements of " + spec.name());
    }
    assertEquals(expectedOrder, order, name + ": buffers");

    // emb: the stored (normalised, rounded) vectors bit for bit, zero rows in the slack.
    StorageType dtype = schema.dtype();
    long[] emb = TorchPeer.longs(buffers.get("emb").getAsJsonArray("content"));
    long[] rowSums = TorchPeer.longs(buffers.get("emb").getAsJsonArray("row_sum_bits"));
    double total = 0;
    double[] sqnorm = new double[(int) capacity];
    for (int slot = 0; slot < capacity; slot++) {
      float[] stored =
          slot < n ? StoredVectors.stored(schema, corpus.items.get(slot).vector()) : new float[d];
      double rowSum = 0;
      for (int i = 0; i < d; i++) {
        long bits = emb[slot * d + i];
        assertEquals(
            dtype.bits(stored[i]) & (dtype == StorageType.FLOAT32 ? 0xffffffffL : 0xffffL),
            bits & (dtype == StorageType.FLOAT32 ? 0xffffffffL : 0xffffL),
            name + ": emb[" + slot + ", " + i + "] bits");
        rowSum += stored[i];
        sqnorm[slot] += (double) stored[i] * stored[i];
      }
      total += rowSum;
      assertEquals(
          rowSum, Double.longBitsToDouble(rowSums[slot]), 1e-12, name + ": emb row sum " + slot);
    }
    assertEquals(
        total,
        Double.longBitsToDouble(buffers.get("emb").get("sum_bits").getAsLong()),
        1e-9 * Math.max(1, Math.abs(total)),
        name + ": emb sum");

    // alive, ids, hwm.
    long[] alive = TorchPeer.longs(buffers.get("alive").getAsJsonArray("content"));
    long[] ids = TorchPeer.longs(buffers.get("ids").getAsJsonArray("content"));
    for (int slot = 0; slot < capacity; slot++) {
      assertEquals(slot < n ? 1 : 0, alive[slot], name + ": alive[" + slot + "]");
      long id = slot < n ? (Long) corpus.items.get(slot).id() : -1;
      assertEquals(id, ids[slot], name + ": ids[" + slot + "]");
    }
    assertArrayEquals(
        new long[] {n}, TorchPeer.longs(buffers.get("hwm").getAsJsonArray("content")), name);
    assertEquals(
        (double) n,
        Double.longBitsToDouble(buffers.get("alive").get("sum_bits").getAsLong()),
        name + ": alive sum");

    // sqnorm (l2): |stored row|^2 as Java computes it, and as PyTorch recomputes it.
    if (schema.metric() == Metric.L2) {
      long[] sq = TorchPeer.longs(buffers.get("sqnorm").getAsJsonArray("content"));
      long[] recomputed = TorchPeer.longs(inspection.getAsJsonArray("sqnorm_recomputed"));
      for (int slot = 0; slot < capacity; slot++) {
        float got = Float.intBitsToFloat((int) sq[slot]);
        assertEquals((float) sqnorm[slot], got, name + ": sqnorm[" + slot + "]");
        assertEquals(
            got,
            Float.intBitsToFloat((int) recomputed[slot]),
            1e-6f * Math.max(1, got),
            name + ": sqnorm[" + slot + "] recomputed by PyTorch");
      }
    } else {
      assertTrue(!buffers.containsKey("sqnorm"), name + ": sqnorm is for l2 only");
    }

    // Attribute columns.
    for (AttributeColumn column : layout.columns()) {
      checkColumn(corpus, metadata, column, buffers, capacity, name);
    }
  }

  private static void checkColumn(
      TestCorpus corpus,
      IndexMetadata metadata,
      AttributeColumn column,
      Map<String, JsonObject> buffers,
      long capacity,
      String name) {
    AttributeSpec spec = column.spec();
    int n = corpus.size();
    String at =
        name + ": " + column.valuesName() + " (" + spec.name() + " " + spec.typeName() + ")";
    long[] values = TorchPeer.longs(buffers.get(column.valuesName()).getAsJsonArray("content"));
    if (column.encoding() == AttributeColumn.Encoding.BITS) {
      // One bitset per item over the dictionary codes; 0 where the attribute is missing.
      for (int slot = 0; slot < capacity; slot++) {
        List<?> list =
            slot < n ? asList(corpus.items.get(slot).attributes().get(spec.name())) : null;
        long want = 0;
        for (Object v : list == null ? List.of() : list) {
          want |= 1L << encode(metadata, spec, v);
        }
        assertEquals(want, values[slot], at + " bits of slot " + slot);
      }
      return;
    }
    if (column.encoding() == AttributeColumn.Encoding.LIST) {
      int width = column.width();
      long[] counts = TorchPeer.longs(buffers.get(column.countsName()).getAsJsonArray("content"));
      int widest = 0;
      for (int slot = 0; slot < capacity; slot++) {
        List<?> list =
            slot < n ? asList(corpus.items.get(slot).attributes().get(spec.name())) : null;
        int count = list == null ? 0 : list.size();
        widest = Math.max(widest, count);
        assertEquals(count, counts[slot], at + " count of slot " + slot);
        for (int i = 0; i < width; i++) {
          long want = i < count ? encode(metadata, spec, list.get(i)) : zero(spec);
          assertEquals(want, values[slot * width + i], at + " [" + slot + ", " + i + "]");
        }
      }
      assertEquals(Math.max(1, widest), width, at + ": width is the longest list");
      return;
    }
    long[] present =
        column.hasPresentMask()
            ? TorchPeer.longs(buffers.get(column.presentName()).getAsJsonArray("content"))
            : null;
    for (int slot = 0; slot < capacity; slot++) {
      Object v = slot < n ? corpus.items.get(slot).attributes().get(spec.name()) : null;
      String where = at + " slot " + slot;
      switch (spec.type()) {
        case FLOAT:
          double got = Double.longBitsToDouble(values[slot]);
          if (v == null) {
            assertTrue(Double.isNaN(got), where + ": NaN for missing, got " + got);
          } else {
            assertEquals(((Number) v).doubleValue(), got, where);
          }
          break;
        case INT:
          assertEquals(v == null ? 0 : ((Number) v).longValue(), values[slot], where);
          assertEquals(v == null ? 0 : 1, present[slot], where + " present");
          break;
        default: // string codes and bools: -1 where missing
          long want = v == null ? AttributeColumn.MISSING_CODE : encode(metadata, spec, v);
          assertEquals(want, values[slot], where);
      }
    }
  }

  private static List<?> asList(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof List<?> l ? l : List.of(v);
  }

  /** The content value (bits for floats) that Java should have written for one attribute value. */
  private static long encode(IndexMetadata metadata, AttributeSpec spec, Object v) {
    switch (spec.type()) {
      case STRING:
        int code = metadata.dictionary(spec.name()).code((String) v);
        assertTrue(code >= 0, spec.name() + ": '" + v + "' is not in the dictionary");
        return code;
      case BOOL:
        return ((Boolean) v) ? 1 : 0;
      case FLOAT:
        return Double.doubleToRawLongBits(((Number) v).doubleValue());
      default:
        return ((Number) v).longValue();
    }
  }

  private static long zero(AttributeSpec spec) {
    return spec.type() == dev.linr.schema.AttributeType.FLOAT ? Double.doubleToRawLongBits(0.0) : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // The three-way comparison.

  /**
   * DJL's batches for each archive, prepared (and checked against the brute force) while PyTorch
   * answers the request, then each checked against PyTorch's variants of the same call: the c-th
   * batch of archive j answers the c-th call of its job.
   *
   * @param exact whether scores must match to the bit (integer data)
   */
  private TorchPeer.Response crossCheck(
      TestCorpus corpus,
      List<Built> built,
      TorchPeer.Request request,
      boolean exact,
      Tally tally,
      Function<Comparison, List<Batch>> batchesOf)
      throws Exception {
    TorchPeer.Response torch;
    List<List<Batch>> batches = new ArrayList<>();
    try (TorchPeer.Pending pending = TorchPeer.start(dir, request)) {
      for (Built b : built) {
        try (LinrIndex index = LinrIndex.open(b.result().folder())) {
          batches.add(batchesOf.apply(new Comparison(b.name(), corpus, index, exact, tally)));
        }
      }
      torch = pending.await();
    }
    for (int j = 0; j < built.size(); j++) {
      for (int c = 0; c < batches.get(j).size(); c++) {
        batches.get(j).get(c).check(torch.variants(j, c));
      }
    }
    return torch;
  }

  /** One batch of every query for each k, every query with that k. */
  private static List<Batch> sameK(Comparison cmp, List<float[]> queries, int[] ks) {
    List<Batch> out = new ArrayList<>();
    for (int k : ks) {
      int[] each = new int[queries.size()];
      Arrays.fill(each, k);
      out.add(cmp.prepare(queries, each, null, null));
    }
    return out;
  }

  /** Tallies over the comparisons of one test. */
  private static final class Tally {
    long rows;
    long hits;
    long variants;
    long identical;
    long swaps;
    double worst;
  }

  /** One batch as DJL and the brute force answered it, waiting for PyTorch's answer. */
  private record Batch(
      Comparison comparison,
      List<float[]> queries,
      int[] ks,
      List<String> labels,
      List<SearchResponse> djl,
      List<BruteForce.Answer> expected) {
    void check(List<TorchPeer.Variant> variants) {
      comparison.check(this, variants);
    }
  }

  /** Compares PyTorch's and DJL's answers from one archive with each other and the brute force. */
  private static final class Comparison {
    private final String name;
    private final TestCorpus corpus;
    private final IndexSchema schema;
    private final BruteForce reference;
    private final boolean exact;
    private final Tally tally;
    private final double maxNorm;

    private final LinrIndex index;

    /** Comparisons for {@code index}, which must stay open until the last {@link #prepare}. */
    Comparison(String name, TestCorpus corpus, LinrIndex index, boolean exact, Tally tally) {
      this.name = name;
      this.corpus = corpus;
      this.index = index;
      this.schema = index.metadata().schema();
      this.reference = new BruteForce(corpus, schema);
      this.exact = exact;
      this.tally = tally;
      this.maxNorm = maxStoredNorm(corpus, schema);
    }

    /**
     * One batch, before PyTorch's answer is in: DJL answers it in one forward pass through {@link
     * LinrIndex#search(SearchBatch)}, the brute force query by query, and DJL must match the brute
     * force.
     *
     * @param ks each query's own k (the model's k input is the largest)
     * @param allow each query's slot set, or null for none
     * @param labels a label per query for messages, or null
     */
    Batch prepare(List<float[]> queries, int[] ks, List<BitSet> allow, List<String> labels) {
      List<SearchRequest> requests = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        requests.add(SearchRequest.builder().setVector(queries.get(i)).optK(ks[i]).build());
      }
      List<SearchResponse> djl =
          index.search(new SearchBatch(requests, allow == null ? List.of() : allow));
      List<BruteForce.Answer> expected = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        BitSet inCorpus = null;
        if (allow != null) {
          inCorpus = (BitSet) allow.get(i).clone();
          inCorpus.clear(corpus.size(), Integer.MAX_VALUE); // slack slots never pass
        }
        expected.add(reference.search(queries.get(i), ks[i], inCorpus));
        HitAssertions.assertSameHits(
            reference,
            queries.get(i),
            expected.get(i),
            djl.get(i),
            exact ? 0 : REFERENCE_TOLERANCE,
            context(ks[i], i, labels, "djl"));
      }
      return new Batch(this, queries, ks, labels, djl, expected);
    }

    /** Checks every PyTorch variant of a batch against DJL's answers and the brute force. */
    void check(Batch batch, List<TorchPeer.Variant> variants) {
      List<float[]> queries = batch.queries();
      int[] ks = batch.ks();
      int maxK = Arrays.stream(ks).max().orElseThrow();
      int width = Math.min(maxK, corpus.size());
      double tolerance = exact ? 0 : REFERENCE_TOLERANCE;
      assertTrue(!variants.isEmpty(), name + ": no PyTorch answer");
      for (TorchPeer.Variant v : variants) {
        tally.variants++;
        assertOutputShapes(v, queries.size(), width, name + " k=" + maxK);
        assertPath(v, batch.djl(), name + " k=" + maxK);
        for (int i = 0; i < queries.size(); i++) {
          String context = context(ks[i], i, batch.labels(), "torch " + v.label());
          TorchPeer.Row row = v.rows().get(i);
          SearchResponse djl = batch.djl().get(i);
          assertRowMatchesReference(
              queries.get(i), batch.expected().get(i), row, tolerance, context);
          if (exact) {
            assertExactlyEqual(djl, row, context);
          } else {
            assertCloseToDjl(queries.get(i), djl, row, context);
          }
          tally.rows++;
          tally.hits += row.size();
        }
      }
    }

    private String context(int k, int query, List<String> labels, String engine) {
      String label = labels == null ? "" : " (" + labels.get(query) + ")";
      return name + " k=" + k + " query " + query + label + " [" + engine + "]";
    }

    /**
     * A PyTorch row against the brute force, as {@link HitAssertions} checks DJL's (with messages
     * built only on failure), plus: each slot is the one that holds the returned id.
     */
    private void assertRowMatchesReference(
        float[] q,
        BruteForce.Answer expected,
        TorchPeer.Row row,
        double tolerance,
        String context) {
      HitAssertions.assertRowMatchesReference(
          reference, q, expected, null, row, tolerance, context);
    }

    /** Exact data: the same matched, ids, order and scores. */
    private void assertExactlyEqual(SearchResponse djl, TorchPeer.Row row, String context) {
      assertEquals(djl.matched(), row.matched(), () -> context + ": matched, DJL vs torch");
      assertEquals(djl.hits().size(), row.size(), () -> context + ": hits, DJL vs torch");
      for (int j = 0; j < row.size(); j++) {
        Hit h = djl.hits().get(j);
        long id = row.ids()[j];
        float score = row.scores()[j];
        if (!h.id().equals(id) || h.score() != score) {
          fail(context + ": hit " + j + " DJL " + h + " torch id " + id + " score " + score);
        }
        tally.identical++;
      }
    }

    /**
     * Inexact data: the same matched and number of hits; at every position scores within {@link
     * #ENGINE_TOLERANCE} of the magnitude of the summed terms (order statistics move no more than
     * the scores do); different ids at a position only between near-ties (reference scores within
     * {@link #REFERENCE_TOLERANCE}).
     */
    private void assertCloseToDjl(
        float[] q, SearchResponse djl, TorchPeer.Row row, String context) {
      assertEquals(djl.matched(), row.matched(), () -> context + ": matched, DJL vs torch");
      assertEquals(djl.hits().size(), row.size(), () -> context + ": hits, DJL vs torch");
      double magnitude = magnitude(q);
      for (int j = 0; j < row.size(); j++) {
        Hit h = djl.hits().get(j);
        long id = row.ids()[j];
        float score = row.scores()[j];
        double scale = Math.max(magnitude, Math.abs(h.score()));
        double diff = Math.abs((double) h.score() - score);
        if (diff > ENGINE_TOLERANCE * scale) {
          fail(
              context
                  + ": hit "
                  + j
                  + " DJL "
                  + h
                  + " torch id "
                  + id
                  + " score "
                  + score
                  + ": the scores differ by "
                  + diff
                  + " > "
                  + ENGINE_TOLERANCE * scale);
        }
        tally.identical += Float.floatToIntBits(h.score()) == Float.floatToIntBits(score) ? 1 : 0;
        tally.worst = Math.max(tally.worst, diff / scale);
        if (!h.id().equals(id)) {
          tally.swaps++;
          double a = reference.score(q, reference.slotOf(h.id()));
          double b = reference.score(q, reference.slotOf(id));
          if (Math.abs(a - b) > REFERENCE_TOLERANCE * Math.max(1, Math.abs(a))) {
            fail(
                context
                    + ": hit "
                    + j
                    + " DJL "
                    + h
                    + " torch id "
                    + id
                    + ": different items that are not a near-tie ("
                    + a
                    + " vs "
                    + b
                    + ")");
          }
        }
      }
    }

    /**
     * The size of the terms a score is summed from, which bounds float32 rounding better than the
     * score itself (an l2 score near 0 is a difference of terms near 2|q|^2): |q| max|e| for dot, 1
     * for cosine, |q|^2 + 2 |q| max|e| + max|e|^2 for l2. At least 1.
     */
    private double magnitude(float[] q) {
      double qq = 0;
      for (float x : q) {
        qq += (double) x * x;
      }
      double qn = Math.sqrt(qq);
      switch (schema.metric()) {
        case COSINE:
          return 1;
        case L2:
          return Math.max(1, qq + 2 * qn * maxNorm + maxNorm * maxNorm);
        default:
          return Math.max(1, qn * maxNorm);
      }
    }
  }

  /** The raw outputs: float32 scores, int64 slots and ids [B, k'], int64 matched [B]. */
  private static void assertOutputShapes(TorchPeer.Variant v, int rows, int width, String context) {
    String at = context + " [torch " + v.label() + "]";
    assertTrue(v.dtypes().size() >= 4, at + ": outputs " + v.dtypes());
    assertEquals(List.of("float32", "int64", "int64", "int64"), v.dtypes().subList(0, 4), at);
    assertEquals(width, v.width(), at + ": k' = min(k, hwm)");
    for (int o = 0; o < 3; o++) {
      assertArrayEquals(new long[] {rows, width}, v.shapes().get(o), at + ": output " + o);
    }
    assertArrayEquals(new long[] {rows}, v.shapes().get(3), at + ": matched [B]");
    assertEquals(rows, v.rows().size(), at + ": rows");
  }

  /**
   * Where the model reports its search path (0 masked, 1 compact, 2 indexed): a forced path is the
   * one run, and the automatic choice is DJL's (both read the same pass rates with the same
   * threshold).
   */
  private static void assertPath(TorchPeer.Variant v, List<SearchResponse> djl, String context) {
    if (v.path() == null) {
      return;
    }
    String at = context + " [torch " + v.label() + "]: path";
    assertTrue(v.path() >= 0 && v.path() <= 2, at + " code " + v.path());
    String ran = List.of("masked", "compact", "indexed").get(v.path().intValue());
    if (v.label().startsWith("masked")
        || v.label().startsWith("compact")
        || v.label().startsWith("indexed")) {
      assertTrue(v.label().startsWith(ran), at + " " + ran);
    } else if (v.label().startsWith("auto") && djl.get(0).stats().containsKey("path")) {
      assertEquals(djl.get(0).stats().get("path"), ran, at + " chosen automatically, DJL vs torch");
    }
  }

  /** The largest norm of a stored vector. */
  private static double maxStoredNorm(TestCorpus corpus, IndexSchema schema) {
    double max = 0;
    for (TestCorpus.TestItem item : corpus.items) {
      double s = 0;
      for (float x : StoredVectors.stored(schema, item.vector())) {
        s += (double) x * x;
      }
      max = Math.max(max, Math.sqrt(s));
    }
    return max;
  }
}
