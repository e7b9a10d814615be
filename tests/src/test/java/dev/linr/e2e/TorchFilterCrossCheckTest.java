package dev.linr.e2e;

import static dev.linr.index.FilterOpcodes.ALL;
import static dev.linr.index.FilterOpcodes.AND;
import static dev.linr.index.FilterOpcodes.END;
import static dev.linr.index.FilterOpcodes.EXISTS;
import static dev.linr.index.FilterOpcodes.FALSE;
import static dev.linr.index.FilterOpcodes.IN;
import static dev.linr.index.FilterOpcodes.NOT;
import static dev.linr.index.FilterOpcodes.NOT_IN;
import static dev.linr.index.FilterOpcodes.OR;
import static dev.linr.index.FilterOpcodes.RANGE;
import static dev.linr.index.FilterOpcodes.TRUE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import dev.linr.filter.RandomFilters;
import dev.linr.index.AttributeColumn;
import dev.linr.index.AttributeColumn.Encoding;
import dev.linr.index.BuildResult;
import dev.linr.index.FilterOpcodes;
import dev.linr.index.IndexLayout;
import dev.linr.index.StoredVectors;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.torchscript.TensorDType;
import dev.linr.translate.CompiledFilters;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filtered search three ways: stock PyTorch ({@code torch.jit.load} in {@code /usr/bin/python3},
 * see {@link TorchPeer}) running the model's {@code forward} with exactly the filter program inputs
 * the translator sends ({@link CompiledFilters#compile}), DJL through {@link LinrIndex}, and the
 * plain-Java {@link FilterEvaluator} plus {@link BruteForce}. PyTorch runs every batch on the
 * forced masked path, the forced compact path and the automatic choice, each compared with DJL on
 * the same path and with the reference: the same matched counts, the same ids in the same order,
 * scores within the tolerances of {@link TorchCrossCheckTest}, every hit passing its filter, the
 * same path.
 *
 * <p>Two archives of the {@link FilterCorpus} attributes: its gaussian vectors (dot, float32, as in
 * {@link FilterPropertyTest}), and small-integer vectors (l2, bfloat16) on which every score is
 * exact, so ties are everywhere and every engine must break them by slot; plus a small archive of
 * extreme numbers (int64 limits, integers beyond 2^53, signed zeros, subnormals) for the
 * hand-written filters. Each test starts Python once for all its archives and batches, and skips
 * where {@code python3 -c 'import torch'} fails.
 *
 * <p>The last three tests hold numeric edge cases of the filter compiler (signed zeros, float
 * bounds beyond 2^53 on int attributes, int literals beyond 2^53 on float attributes) against
 * {@link FilterEvaluator}'s exact comparisons.
 */
class TorchFilterCrossCheckTest {
  /** The chunk_rows the exact archives also run with in PyTorch, and its variants' label suffix. */
  private static final int SMALL_CHUNK_ROWS = 1;

  private static final String SMALL_CHUNK_LABEL = " chunk_rows=" + SMALL_CHUNK_ROWS;

  private static final int ITEMS = 2500;
  private static final int DIM = 12;
  private static final int BATCH = 32;
  private static final int[] KS = {1, 3, 10, 40};

  /** The model's path codes by name. */
  private static final List<String> PATHS = List.of("masked", "compact", "indexed");

  /** PyTorch against DJL: scores within this share of the magnitude of the summed terms. */
  private static final double ENGINE_TOLERANCE = 1e-5;

  /** Either engine against the double-precision reference (as in {@link ExactSearchTest}). */
  private static final double REFERENCE_TOLERANCE = 1e-4;

  @TempDir static Path dir;
  private static final List<Archive> archives = new ArrayList<>();

  /** A small archive of extreme numbers (int64 limits, beyond 2^53, signed zeros). */
  private static Archive edge;

  /** The items' attributes as the reference evaluator takes them, and its verdicts (cached). */
  private static final class Items {
    private final List<Map<String, List<Object>>> attributes = new ArrayList<>();
    private final Map<String, BitSet> passing = new HashMap<>();

    Items(TestCorpus corpus) {
      for (TestCorpus.TestItem item : corpus.items) {
        attributes.add(FilterCorpus.asLists(item.attributes()));
      }
    }

    /** The items passing a filter (all items for none), by the plain-Java evaluator. */
    BitSet passing(String filter) {
      return passing.computeIfAbsent(
          filter == null ? "" : filter,
          text -> {
            Filter f = filter == null ? null : FilterParser.parse(filter);
            BitSet set = new BitSet();
            for (int i = 0; i < attributes.size(); i++) {
              if (f == null || FilterEvaluator.matches(f, attributes.get(i))) {
                set.set(i);
              }
            }
            return set;
          });
    }
  }

  /** One archive, open in DJL, with its reference. */
  private record Archive(
      String name,
      TestCorpus corpus,
      Items items,
      BuildResult built,
      LinrIndex index,
      BruteForce reference,
      boolean exact,
      double maxNorm) {
    BitSet passing(String filter) {
      return items.passing(filter);
    }

    Path modelFile() {
      return built.folder().resolve(built.name() + ".pt");
    }

    int size() {
      return corpus.size();
    }

    float[] query(Random r) {
      if (!exact) {
        return TestCorpus.gaussianVector(r, corpus.dimension);
      }
      float[] q = new float[corpus.dimension];
      for (int j = 0; j < q.length; j++) {
        q[j] = r.nextInt(5) - 2;
      }
      return q;
    }
  }

  @BeforeAll
  static void build() throws Exception {
    PythonTorch.startProbe(); // overlaps the import-torch probe with the builds
    TestCorpus gaussian = FilterCorpus.create(41, ITEMS, DIM);
    Items items = new Items(gaussian); // the same attributes in both archives
    archives.add(
        open("gaussian dot/float32", gaussian, items, Metric.DOT, StorageType.FLOAT32, false));
    archives.add(
        open(
            "integer l2/bfloat16",
            integerVectors(gaussian, 43, 4),
            items,
            Metric.L2,
            StorageType.BFLOAT16,
            true));
    TestCorpus extremes = extremes();
    edge =
        open(
            "extremes dot/float32",
            extremes,
            new Items(extremes),
            Metric.DOT,
            StorageType.FLOAT32,
            true);
    PythonTorch.assumeAvailable();
  }

  @AfterAll
  static void close() {
    for (Archive a : archives) {
      a.index().close();
    }
    archives.clear();
    if (edge != null) {
      edge.index().close();
      edge = null;
    }
  }

  private static Archive open(
      String name, TestCorpus corpus, Items items, Metric metric, StorageType dtype, boolean exact)
      throws Exception {
    Path where = Files.createDirectories(dir.resolve("archive-" + name.replaceAll("\\W", "_")));
    BuildResult built = Indexes.build(corpus, where, metric, dtype, 0.2);
    LinrIndex index = LinrIndex.open(built.folder());
    IndexSchema schema = index.metadata().schema();
    return new Archive(
        name,
        corpus,
        items,
        built,
        index,
        new BruteForce(corpus, schema),
        exact,
        maxStoredNorm(corpus, schema));
  }

  /** The same ids and attributes with vectors of small integers: exact scores, many ties. */
  private static TestCorpus integerVectors(TestCorpus from, long seed, int dimension) {
    Random r = new Random(seed);
    TestCorpus c = new TestCorpus(dimension);
    for (TestCorpus.TestItem item : from.items) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(3) - 1;
      }
      c.add(item.id(), v, item.attributes());
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Random filters.

  @Test
  void randomFiltersAgreeOnEveryPath() throws Exception {
    Archive first = archives.get(0);
    RandomFilters random =
        new RandomFilters(first.index().metadata().schema(), FilterCorpus.pools(), 2024);
    Random r = new Random(17);
    List<List<Case>> batches = new ArrayList<>();
    for (int b = 0; b < 7; b++) {
      List<Case> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        // Now and then a query without a filter among filtered ones.
        String text = b % 3 == 0 && i == (5 * b + 3) % BATCH ? null : random.next(3).toString();
        batch.add(new Case(text, KS[r.nextInt(KS.length)], "random", null));
      }
      batches.add(batch);
    }
    // Batches of selective filters (their passing items add up to at most the compact threshold's
    // share of the items), so that the automatic choice is the compact path.
    int limit = (int) Math.floor(first.index().options().compactThreshold() * ITEMS / BATCH);
    for (int b = 0; b < 2; b++) {
      batches.add(selectiveBatch(first, random, r, limit, 4));
    }
    Tally tally = crossCheck("random", onFilterCorpus(batches));
    assertEquals(variantsOnFilterCorpus() * batches.size() * BATCH, tally.rows);
    assertTrue(tally.empty > 0, "some random filters should match nothing");
    assertTrue(
        tally.autoCompact + tally.autoIndexed > 0,
        "the automatic choice should compact or index the selective batches");
    assertTrue(tally.autoMasked > 0, "the automatic choice should scan the broad batches masked");
    report("random filters", tally);
  }

  @Test
  void disjointSelectiveFiltersScoreEachQueryAgainstItsOwnRows() throws Exception {
    // Each filter passes 8 items no other filter passes: every query is scored against its own
    // rows (32 x 8, at most three times the union's 256), which PyTorch's chunk_rows run of the
    // exact archive gathers a query at a time; its forced compact run gathers the union of 256
    // rows a few at a time.
    List<Case> batch = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      int first = 40 * i + 3;
      batch.add(
          new Case("rank >= " + first + " AND rank < " + (first + 8), 5, "disjoint ranks", 8));
    }
    Tally tally = crossCheck("disjoint", onFilterCorpus(List.of(batch)));
    assertEquals(variantsOnFilterCorpus() * BATCH, tally.rows);
    report("disjoint selective filters", tally);
  }

  @Test
  void wideRangesPerQueryAgree() throws Exception {
    // A range per query passing about 200 items: over 4096 (query, slot) pairs for the batch, on
    // the indexed path (forced), whose pairs skip their sort when already in order. A range of
    // ranks lists its slots in order; a range of random times does not, and must be sorted. The
    // ranges overlap by a little over half, so that their union is about every item and each
    // query is scored against its own rows, where ties go to the lowest slot in slot order. With
    // a negated second condition (which no index narrows) some candidates fail: the pairs that
    // pass must be kept apart.
    List<Case> times = new ArrayList<>();
    List<Case> companies = new ArrayList<>();
    List<Case> ranks = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      String range = timeRange(1_764_000_000L + 30_000L * i, 80_000);
      times.add(new Case(range, 40, "times", null));
      companies.add(
          new Case(
              range + " AND NOT company IN (1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007)",
              40,
              "times, other companies",
              null));
      ranks.add(new Case("rank >= " + 73 * i + " AND rank < " + (73 * i + 200), 40, "ranks", 200));
    }
    Archive first = archives.get(0);
    for (List<Case> batch : List.of(times, companies, ranks)) {
      int pairs = batch.stream().mapToInt(c -> first.passing(c.filter()).cardinality()).sum();
      assertTrue(pairs > 4096, "the batch should pass more than 4096 pairs, not " + pairs);
    }
    Tally tally = crossCheck("wide ranges", onFilterCorpus(List.of(times, companies, ranks)));
    assertEquals(variantsOnFilterCorpus() * 3 * BATCH, tally.rows);
    report("wide ranges per query", tally);
  }

  @Test
  void candidatesInKeyOrderBreakTiesBySlot() throws Exception {
    // A range of random times lists its items by time, not by slot. On CPU the indexed path
    // scores them in that order and restores slot order only where the best scores tie, which on
    // the integer archive they do at every k: one query at a time, a batch sharing the range and
    // a batch with a range per query (each against its own rows).
    Random r = new Random(5);
    List<List<Case>> batches = new ArrayList<>();
    List<Case> shared = new ArrayList<>();
    List<Case> own = new ArrayList<>();
    String common = timeRange(r, 40_000);
    for (int i = 0; i < BATCH; i++) {
      int k = KS[i % 3];
      if (i < 6) {
        batches.add(List.of(new Case(timeRange(r, 8_000), k, "one time range", null)));
      }
      shared.add(new Case(common, k, "a shared time range", null));
      own.add(new Case(timeRange(r, 8_000), k, "a time range per query", null));
    }
    batches.add(shared);
    batches.add(own);
    Tally tally = crossCheck("key order", onFilterCorpus(batches));
    assertEquals(variantsOnFilterCorpus() * (6 + 2 * BATCH), tally.rows);
    assertTrue(tally.autoIndexed > 0, "the automatic choice should take the index");
    report("candidates in key order", tally);
  }

  /** posted_at in a random window of the given width (the corpus spans 1,000,000 seconds). */
  private static String timeRange(Random r, int width) {
    return timeRange(1_764_000_000L + r.nextInt(1_000_000 - width), width);
  }

  /** posted_at in [from, from + width). */
  private static String timeRange(long from, int width) {
    return "posted_at >= " + from + " AND posted_at < " + (from + width);
  }

  @Test
  void perQueryPairsSearchedAsOnAGpuAgree() throws Exception {
    // On a GPU a batch's passing (query, slot) pairs are searched each query against its own
    // rows, scored by one batched product or picked from the batch's product with the union of
    // the rows (search_pairs, union_pair_scores). That branch runs only for queries on CUDA, so
    // here it runs from archives whose code takes it on CPU: one as the GPU chooses, one always
    // picking from the union. Disjoint filters, overlapping ones (queries share most rows), and
    // random selective ones.
    UnaryOperator<String> asOnAGpu =
        code ->
            ArchiveEdits.replaceOnce(
                code, "    if q.is_cuda:\n      scored", "    if True:\n      scored");
    String unionChoice = "if self.union_product_pays(b, most, u, n, q.size(1)):";
    pairBatchesAgree(
        "gpu pairs",
        "pairs searched as on a GPU",
        "as on a GPU",
        asOnAGpu,
        "picked from the union",
        code -> ArchiveEdits.replaceOnce(asOnAGpu.apply(code), unionChoice, "if True:"));
  }

  @Test
  void perQueryPairsAgreeWhetherTheirUnionIsSortedOrFlagged() throws Exception {
    // A batch's passing (query, slot) pairs find the union of their slots by a sort when they are
    // few against the rows, else by a flag per row (search_pairs, sorting_pays); the union then
    // decides between own rows and the union's product, and is the union's product's rows. Each
    // way is forced here over the same batches: disjoint filters (own rows), overlapping ones
    // (the union's product) and random selective ones.
    String choice = "    return 128 * pairs < n\n";
    pairBatchesAgree(
        "union sorted or flagged",
        "pairs whose union is sorted or flagged",
        "union sorted",
        code -> ArchiveEdits.replaceOnce(code, choice, "    return True\n"),
        "union flagged",
        code -> ArchiveEdits.replaceOnce(code, choice, "    return False\n"));
  }

  /**
   * Cross-checks two edits of every archive's code (see withCode) over {@link #pairBatches}, which
   * must take the indexed path, and reports the tally as {@code what}.
   */
  private static void pairBatchesAgree(
      String test,
      String what,
      String firstLabel,
      UnaryOperator<String> firstEdit,
      String secondLabel,
      UnaryOperator<String> secondEdit)
      throws Exception {
    List<List<Case>> batches = pairBatches();
    List<Plan> plans = new ArrayList<>();
    List<Archive> variants = new ArrayList<>();
    try {
      for (Archive a : archives) {
        variants.add(withCode(a, firstLabel, firstEdit));
        variants.add(withCode(a, secondLabel, secondEdit));
      }
      for (Archive v : variants) {
        plans.add(new Plan(v, batches));
      }
      Tally tally = crossCheck(test, plans);
      assertEquals(2 * variantsOnFilterCorpus() * batches.size() * BATCH, tally.rows);
      assertTrue(tally.autoIndexed > 0, "the batches should take the indexed path");
      report(what, tally);
    } finally {
      for (Archive v : variants) {
        v.index().close();
      }
    }
  }

  /**
   * Batches with a filter per query for the pairs' search: disjoint ranges (each query its own
   * rows), overlapping ones (the queries share most rows) and random selective filters.
   */
  private static List<List<Case>> pairBatches() {
    List<Case> disjoint = new ArrayList<>();
    List<Case> overlapping = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      int first = 40 * i + 3;
      disjoint.add(new Case("rank >= " + first + " AND rank < " + (first + 8), 5, "disjoint", 8));
      overlapping.add(
          new Case("rank >= " + 3 * i + " AND rank < " + (3 * i + 90), 10, "overlapping", 90));
    }
    Archive first = archives.get(0);
    RandomFilters random =
        new RandomFilters(first.index().metadata().schema(), FilterCorpus.pools(), 77);
    int limit = (int) Math.floor(first.index().options().compactThreshold() * ITEMS / 2);
    List<Case> selective = selectiveBatch(first, random, new Random(78), limit, 0);
    return List.of(disjoint, overlapping, selective);
  }

  /**
   * A batch of random filters that each pass at most limit items, up to empties of them none, each
   * query's k drawn from KS.
   */
  private static List<Case> selectiveBatch(
      Archive a, RandomFilters random, Random r, int limit, int empties) {
    List<Case> batch = new ArrayList<>();
    int none = 0;
    for (int tries = 0; batch.size() < BATCH; tries++) {
      assertTrue(tries < 100_000, "too few selective random filters");
      String text = random.next(3).toString();
      int pass = a.passing(text).cardinality();
      if (pass <= limit && (pass > 0 || none++ < empties)) {
        batch.add(new Case(text, KS[r.nextInt(KS.length)], "random selective", null));
      }
    }
    return batch;
  }

  /** A copy of an archive, open in DJL, whose model code is edited (see ArchiveEdits). */
  private static Archive withCode(Archive a, String label, UnaryOperator<String> edit)
      throws Exception {
    Path parent = dir.resolve("edited-" + (a.name() + " " + label).replaceAll("\\W", "_"));
    BuildResult built = ArchiveEdits.copyWithCode(a.built(), parent, edit);
    return new Archive(
        a.name() + ", " + label,
        a.corpus(),
        a.items(),
        built,
        LinrIndex.open(built.folder()),
        a.reference(),
        a.exact(),
        a.maxNorm());
  }

  @Test
  void batchesSharingAFilterAgreeSentOnceOrPerQuery() throws Exception {
    // Every query of a batch has the same filter. PyTorch runs each batch twice, its program sent
    // once for every query (as the translator sends it, see CompiledFilters#compileForEveryQuery)
    // and repeated for each query (which the model must recognise as one program): both must
    // answer as DJL and the reference do. Selective filters (the indexed path), broad ones
    // (masked), and one that passes nothing.
    List<String> filters =
        List.of(
            "rank >= 100 AND rank < 112",
            "rank < 60 OR rank >= 2480",
            "NOT (rank < 60)",
            "rank >= 5000");
    Random r = new Random(29);
    List<List<Case>> batches = new ArrayList<>();
    for (String filter : filters) {
      List<Case> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        batch.add(new Case(filter, KS[r.nextInt(KS.length)], "shared", null));
      }
      batches.add(batch);
    }
    Tally tally = crossCheck("shared", onFilterCorpus(batches), true);
    assertEquals(2 * variantsOnFilterCorpus() * batches.size() * BATCH, tally.rows);
    assertTrue(tally.autoIndexed > 0, "the selective batches should take the indexed path");
    assertTrue(tally.autoMasked > 0, "the broad batches should be scanned masked");
    assertTrue(tally.empty > 0, "a filter should match nothing");
    report("batches sharing a filter", tally);
  }

  // ---------------------------------------------------------------------------------------------
  // Hand-written filters: every opcode on every column encoding, and the awkward cases.

  @Test
  void handWrittenFiltersAgreeOnEveryPath() throws Exception {
    int n = ITEMS;
    List<Case> cases = new ArrayList<>();
    // Single-valued string (dictionary codes, -1 where missing).
    add(cases, "geo = 'us'", 10);
    add(cases, "geo IN ('ca', 'jp', 'zz')", 10);
    add(cases, "geo != 'us'", 10);
    add(cases, "geo NOT IN ('us', 'ca', 'zz')", 3);
    add(cases, "geo NOT IN ('zz')", 10); // every item that has a geo
    add(cases, "NOT geo IN ('zz')", 10); // every item
    add(cases, "NOT geo NOT IN ('us')", 10); // 'us' and the items without geo
    add(cases, "geo ALL ('de')", 10); // ALL on a single value is IN
    add(cases, "geo ALL ('de', 'de')", 10);
    zero(cases, "geo ALL ('de', 'us')", 10); // two values for a single-valued attribute
    zero(cases, "geo = 'zz'", 10); // never seen at build time
    zero(cases, "geo ALL ('zz')", 10);
    add(cases, "EXISTS(geo)", 10);
    add(cases, "NOT EXISTS(geo)", 40);
    // Multi-valued string.
    add(cases, "skills = 'java'", 10);
    add(cases, "skills IN ('cobol', 'rust', 'go')", 10);
    add(cases, "skills NOT IN ('java', 'ml')", 10); // items without skills fail
    add(cases, "NOT skills IN ('java', 'ml')", 10); // items without skills pass
    add(cases, "skills != 'cobol'", 10); // every item with skills
    add(cases, "skills ALL ('java', 'ml')", n + 5); // every passing item comes back
    add(cases, "skills ALL ('java', 'ml', 'sql')", 40);
    add(cases, "skills ALL ('spark', 'spark')", 10);
    zero(cases, "skills ALL ('java', 'cobol')", 10);
    zero(cases, "skills = 'cobol'", 10);
    add(cases, "EXISTS(skills)", 3);
    add(cases, "NOT EXISTS(skills)", 40);
    // Single-valued int (int64 plus a present mask).
    add(cases, "company = 1007", 10);
    add(cases, "company = 1007.0", 10); // a float literal equal to an int
    add(cases, "company IN (1000, 1049, 2000)", 10);
    zero(cases, "company IN (1007.5)", 10); // equals no integer: an empty IN
    add(cases, "company NOT IN (1007.5)", 10); // an empty NOT IN: has the attribute
    add(cases, "company != 2000", 10); // never seen; items without company fail
    add(cases, "company ALL (1007, 1007.0)", 10);
    zero(cases, "company ALL (1007, 1007.5)", 10);
    add(cases, "company > 1010.5", 10);
    add(cases, "company >= 1010.5", 10);
    add(cases, "company > 1010.0", 10);
    add(cases, "company < 1010.0", 10);
    add(cases, "company <= 1009.999", 10);
    add(cases, "company > 1048", 40);
    add(cases, "company < 1001", 40);
    add(cases, "1000 < company < 1003", 40);
    add(cases, "1000.5 <= company <= 1002.5", 40);
    add(cases, "company BETWEEN 1010 AND 1012", 10);
    zero(cases, "company BETWEEN 1012 AND 1010", 10); // lower above upper
    zero(cases, "1010 < company < 1011", 10); // exclusive bounds leave nothing
    zero(cases, "1010.2 <= company <= 1010.8", 10);
    zero(cases, "company > 9223372036854775807", 10);
    zero(cases, "company < -9223372036854775808", 10);
    add(cases, "company <= 9223372036854775807", 10);
    add(cases, "company < 1e19", 10); // float bounds beyond int64
    add(cases, "company > -1e19", 10);
    zero(cases, "company > 1e19", 10);
    add(cases, "EXISTS(company)", 10);
    add(cases, "NOT EXISTS(company)", 40);
    add(cases, "posted_at >= 1764500000", 10);
    add(cases, "posted_at < 1764400000.5", 10);
    add(cases, "posted_at > 1764400000.5", 10);
    add(cases, "posted_at IN (1764000000, 1764250000, 1764999999)", 10);
    add(cases, "posted_at NOT IN (1764250000)", 10);
    exactly(cases, "EXISTS(posted_at)", 10, n);
    // rank: the slot, for exact counts.
    exactly(cases, "rank BETWEEN 30 AND 39", 10, 10); // exactly k matches
    exactly(cases, "rank >= 2490", 10, 10); // the last k slots
    exactly(cases, "rank > 2488.5 AND rank < 2499", 10, 10);
    exactly(cases, "rank = 2499", 10, 1); // the last item only
    exactly(cases, "rank < 0", 10, 0);
    exactly(cases, "rank >= 0", 3, n);
    exactly(cases, "rank IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)", 40, 10);
    exactly(cases, "rank IN (0, 2499, 5000)", 3, 2);
    exactly(cases, "rank NOT IN (0, 1, 2, 5000)", 10, n - 3);
    exactly(cases, "EXISTS(rank)", 10, n);
    // Single-valued float (float64, NaN where missing).
    add(cases, "quality = 0.5", 10);
    add(cases, "quality IN (0.25, 1, 0.123)", 10); // an int literal on a float attribute
    add(cases, "quality != 0.5", 10); // items without quality fail
    add(cases, "quality NOT IN (0.0, 0.25)", 10);
    add(cases, "NOT quality = 0.5", 10);
    add(cases, "quality = -0.0", 10); // -0.0 equals 0.0
    add(cases, "quality > 0.5", 10);
    add(cases, "quality >= 0.5", 10);
    add(cases, "quality < 0.25", 10);
    add(cases, "quality <= 0", 10);
    add(cases, "quality BETWEEN 0.25 AND 0.5", 10);
    add(cases, "0.25 < quality < 0.5", 10);
    add(cases, "quality > 0.49999999999999994", 10); // the double just below 0.5
    zero(cases, "quality > 1", 10);
    zero(cases, "0.5 < quality < 0.5", 10);
    add(cases, "quality ALL (0.5)", 10);
    add(cases, "quality ALL (1, 1.0)", 10);
    zero(cases, "quality ALL (0.25, 0.5)", 10);
    add(cases, "EXISTS(quality)", 10);
    add(cases, "NOT EXISTS(quality)", 40);
    // Single-valued bool (int8 0/1, -1 where missing).
    add(cases, "sponsored = true", 10);
    add(cases, "sponsored = false", 10);
    add(cases, "sponsored != true", 10); // items without sponsored fail
    add(cases, "NOT sponsored = true", 10); // items without sponsored pass
    add(cases, "sponsored IN (true, false)", 10); // has the attribute
    zero(cases, "sponsored NOT IN (true, false)", 10);
    add(cases, "sponsored ALL (true)", 10);
    zero(cases, "sponsored ALL (true, false)", 10);
    add(cases, "EXISTS(sponsored)", 10);
    add(cases, "NOT EXISTS(sponsored)", 40);
    // Multi-valued int.
    add(cases, "levels = 3", 10);
    add(cases, "levels IN (0, 12)", 10);
    add(cases, "levels NOT IN (3, 7)", 10);
    add(cases, "levels != 12", 10); // every item with levels
    add(cases, "levels ALL (0, 3)", 10);
    add(cases, "levels ALL (3, 3.0)", 10);
    zero(cases, "levels ALL (3, 3.5)", 10);
    zero(cases, "levels = 12", 10);
    add(cases, "levels > 7", 10);
    add(cases, "levels >= 2.5", 10);
    add(cases, "levels < 2.5", 10);
    add(cases, "levels BETWEEN 3 AND 4", 10);
    add(cases, "2 < levels < 4", 10); // some value in range, not all
    zero(cases, "levels < 0", 10);
    add(cases, "EXISTS(levels)", 10);
    add(cases, "NOT EXISTS(levels)", 40);
    // Multi-valued float (padding 0.0 beyond the count).
    add(cases, "weights = 0.5", 10);
    add(cases, "weights IN (0.1, 0.99, 1)", 10);
    add(cases, "weights NOT IN (0.5)", 10);
    add(cases, "weights NOT IN (0.33)", 10); // never seen; items without weights fail
    add(cases, "weights = 0", 10); // padding must not match
    add(cases, "weights <= 0.1", 10);
    add(cases, "weights > 0.5", 10);
    add(cases, "0.1 < weights < 0.2", 10);
    add(cases, "weights ALL (0.1, 0.5)", 10);
    add(cases, "weights ALL (0.5)", 10);
    zero(cases, "weights = 0.775", 10);
    add(cases, "EXISTS(weights)", 10);
    add(cases, "NOT EXISTS(weights)", 40);
    // High-cardinality single-valued string (dictionary codes, 200 values).
    add(cases, "author = 'author-7'", 10);
    add(cases, "author IN ('author-3', 'author-150', 'author-unknown')", 10);
    add(cases, "author != 'author-7'", 10); // items without author fail
    add(cases, "NOT author = 'author-7'", 10); // items without author pass
    add(cases, "author NOT IN ('author-unknown')", 10);
    add(cases, "author ALL ('author-7')", 10);
    zero(cases, "author ALL ('author-7', 'author-8')", 10);
    zero(cases, "author = 'author-unknown'", 10);
    add(cases, "EXISTS(author)", 10);
    add(cases, "NOT EXISTS(author)", 40);
    // High-cardinality multi-valued string (padded lists of codes, 100 values).
    add(cases, "tags = 'tag-1'", 10);
    add(cases, "tags IN ('tag-5', 'tag-99', 'tag-unknown')", 10);
    add(cases, "tags NOT IN ('tag-5', 'tag-6')", 10);
    add(cases, "NOT tags IN ('tag-5', 'tag-6')", 10);
    add(cases, "tags ALL ('tag-3')", 10);
    add(cases, "tags ALL ('tag-1', 'tag-2') OR tags ALL ('tag-10', 'tag-20', 'tag-30')", 10);
    zero(cases, "tags ALL ('tag-3', 'tag-unknown')", 10);
    zero(cases, "tags = 'tag-unknown'", 10);
    add(cases, "EXISTS(tags)", 10);
    add(cases, "NOT EXISTS(tags)", 40);
    // Multi-valued bool.
    add(cases, "answers = true", 10);
    add(cases, "answers ALL (true, false)", 10);
    add(cases, "answers NOT IN (false)", 10);
    add(cases, "answers != true", 10);
    add(cases, "NOT answers = true", 10);
    add(cases, "EXISTS(answers)", 10);
    add(cases, "NOT EXISTS(answers)", 40);
    // Logic.
    exactly(cases, "TRUE", 10, n);
    exactly(cases, "FALSE", 10, 0);
    exactly(cases, "NOT TRUE", 10, 0);
    exactly(cases, "NOT FALSE OR geo = 'us'", 10, n);
    add(cases, "geo = 'us' AND skills = 'java' AND NOT sponsored = true", 10);
    add(cases, "geo = 'us' OR skills = 'java' AND quality > 0.5", 10); // AND binds tighter
    add(cases, "(geo = 'us' OR skills = 'java') AND quality > 0.5", 10);
    add(cases, "NOT (geo IN ('us', 'ca') OR levels ALL (1, 2)) AND rank < 1000", 10);
    add(cases, "NOT NOT EXISTS(levels) AND NOT NOT NOT EXISTS(weights)", 10);
    add(
        cases,
        "((company < 1010 OR company > 1040) AND (weights > 0.5 OR answers = false))"
            + " OR (NOT EXISTS(geo) AND rank < 300) OR skills ALL ('go', 'rust')",
        40);
    add(cases, "quality > 0.9 AND quality < 0.1 OR rank = 7", 3);
    cases.add(new Case(null, 10, "no filter", n));
    cases.add(new Case(null, n + 5, "no filter, k above the item count", n));

    List<List<Case>> batches = batches(cases);
    // One more: all the selective ones together, which the automatic choice compacts.
    long budget = (long) Math.floor(archives.get(0).index().options().compactThreshold() * n);
    List<Case> selective = new ArrayList<>();
    for (Case c : cases) {
      if (c.filter() == null || selective.size() == BATCH) {
        continue;
      }
      int pass = archives.get(0).passing(c.filter()).cardinality();
      if (pass <= budget) {
        selective.add(c);
        budget -= pass;
      }
    }
    assertTrue(selective.size() >= 8, "selective cases: " + selective.size());
    batches.add(selective.subList(0, Math.min(BATCH, selective.size())));
    // Batches whose queries all share one filter, which the model reads once: a selective one
    // and a broad one.
    batches.add(Collections.nCopies(BATCH, selective.get(0)));
    batches.add(
        Collections.nCopies(
            BATCH, new Case("rank >= 20 AND NOT (geo = 'us')", 10, "one filter, broad", null)));

    List<Plan> plans = onFilterCorpus(batches);
    IndexLayout edgeLayout = edge.index().metadata().layout();
    for (int k : CARDINALITIES) { // the extreme archive has each encoding at its limits
      TensorDType word =
          k <= 7
              ? TensorDType.INT8
              : k <= 15 ? TensorDType.INT16 : k <= 31 ? TensorDType.INT32 : TensorDType.INT64;
      for (String attr : new String[] {"c" + k, "m" + k}) {
        AttributeColumn c = edgeLayout.column(attr);
        if (k <= AttributeColumn.MAX_BITS) {
          assertEquals(Encoding.BITS, c.encoding(), attr);
          assertEquals(word, c.valuesType(), attr);
        } else {
          assertEquals(attr.startsWith("c") ? Encoding.CODES : Encoding.LIST, c.encoding(), attr);
        }
      }
    }
    List<Case> extreme = extremeCases();
    plans.add(new Plan(edge, batches(extreme)));
    Tally tally = crossCheck("hand", plans);
    assertTrue(
        tally.autoCompact + tally.autoIndexed > 0,
        "the selective batch should take the compact or the indexed path");
    // The programs sent held every opcode, and every predicate that fits each column's encoding.
    for (Archive a : List.of(archives.get(0), edge)) {
      Set<String> want = new TreeSet<>();
      for (int op : new int[] {TRUE, FALSE, AND, OR, NOT, END}) {
        want.add(a.name() + " column -1 op " + op);
      }
      for (AttributeColumn c : a.index().metadata().layout().columns()) {
        List<Integer> ops = new ArrayList<>(List.of(IN, NOT_IN, EXISTS));
        AttributeType type = c.spec().type();
        if (type == AttributeType.INT || type == AttributeType.FLOAT) {
          ops.add(RANGE);
        }
        if (c.encoding() == Encoding.BITS || c.encoding() == Encoding.LIST) {
          ops.add(ALL); // single-valued bitsets test ALL as bits too
        }
        for (int op : ops) {
          want.add(a.name() + " column " + c.ordinal() + " op " + op);
        }
      }
      want.removeAll(tally.opcodes);
      List<String> missing = new ArrayList<>();
      for (String w : want) {
        String column = w.replaceAll(".* column (-?\\d+) op .*", "$1");
        missing.add(
            column.equals("-1")
                ? w
                : w
                    + " ("
                    + a.index().metadata().layout().columns().get(Integer.parseInt(column)).spec()
                    + ")");
      }
      assertTrue(missing.isEmpty(), "no hand-written filter compiled to " + missing);
    }
    report(
        "hand-written filters ("
            + cases.size()
            + " on the filter corpus, "
            + extreme.size()
            + " on extreme numbers)",
        tally);
  }

  // ---------------------------------------------------------------------------------------------
  // Extreme numbers: int64 limits, integers beyond 2^53, signed zeros, subnormals, huge doubles.

  private static final long P53 = 1L << 53;
  private static final long P54 = 1L << 54;
  private static final long[] BIG = {
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    -P53 - 1,
    -P53,
    -1,
    0,
    1,
    P53 - 1,
    P53,
    P53 + 1,
    P53 + 2,
    P54 - 2,
    P54 - 1,
    P54,
    P54 + 4,
    Long.MAX_VALUE - 2047, // 2^63 - 2048, a double
    Long.MAX_VALUE - 1023, // 2^63 - 1024, the largest double below 2^63
    Long.MAX_VALUE - 1,
    Long.MAX_VALUE
  };
  private static final double[] HUGE = {
    -Double.MAX_VALUE,
    -1e300,
    -(double) P53 - 2,
    -(double) P53,
    -1.5,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    0.5,
    1.0,
    (double) (P53 - 1),
    (double) P53,
    (double) P53 + 2,
    (double) P53 + 4,
    0x1p63,
    1e300,
    Double.MAX_VALUE
  };

  /** Categorical attributes with these many values, at the limits of the bitset words. */
  private static final int[] CARDINALITIES = {7, 8, 15, 16, 31, 32, 63, 64};

  private static final int EXTREME_ITEMS = 140;

  /**
   * 140 items: {@code big} (int) and {@code huge} (float) take every value of {@link #BIG} and
   * {@link #HUGE} several times, {@code bigs} and {@code huges} two of them each; {@code cK} and
   * {@code mK} (single- and multi-valued strings) K values each, for K in {@link #CARDINALITIES};
   * the last items lack them all. Small-integer vectors (exact scores).
   */
  private static TestCorpus extremes() {
    Random r = new Random(61);
    TestCorpus c = new TestCorpus(4);
    for (int i = 0; i < EXTREME_ITEMS; i++) {
      Map<String, Object> a = new java.util.LinkedHashMap<>();
      if (i < EXTREME_ITEMS - 6) {
        for (int k : CARDINALITIES) {
          a.put("c" + k, "v" + (i % k));
          a.put(
              "m" + k,
              List.of("v" + (i % k), "v" + ((i * 7 + 1) % k)).stream().distinct().toList());
        }
        a.put("big", BIG[i % BIG.length]);
        a.put("bigs", List.of(BIG[(i * 7) % BIG.length], BIG[(i * 7 + 3) % BIG.length]));
        a.put("huge", HUGE[i % HUGE.length]);
        a.put("huges", List.of(HUGE[(i * 5) % HUGE.length], HUGE[(i * 5 + 2) % HUGE.length]));
      }
      a.put("n", (long) i);
      float[] v = new float[4];
      for (int j = 0; j < 4; j++) {
        v[j] = r.nextInt(3) - 1;
      }
      c.add((long) i + 1, v, a);
    }
    return c;
  }

  /** Filters on extreme numbers that compile exactly (run in the hand-written test). */
  private static List<Case> extremeCases() {
    List<Case> cases = new ArrayList<>();
    // int64 limits and integers beyond 2^53 on an int attribute, int and float literals.
    add(cases, "big = 9223372036854775807", 10);
    add(cases, "big = -9223372036854775808", 10);
    add(cases, "big >= 9223372036854775807", 10);
    add(cases, "big > 9223372036854775806", 10);
    zero(cases, "big > 9223372036854775807", 10);
    add(cases, "big <= -9223372036854775808", 10);
    zero(cases, "big < -9223372036854775808", 10);
    add(cases, "big > 9007199254740992", 10);
    add(cases, "big >= 9007199254740993", 10);
    add(cases, "big = 9007199254740993", 10);
    add(cases, "big != 9007199254740993", 10);
    add(cases, "big NOT IN (-1, 0, 1, 9223372036854775807)", 10);
    add(cases, "big BETWEEN 9007199254740991 AND 9007199254740993", 10);
    add(cases, "big = 9007199254740992.0", 10);
    add(cases, "big IN (9007199254740993.0)", 10); // the literal is the double 2^53
    add(cases, "big >= 9007199254740992.0", 10);
    add(cases, "big <= 9007199254740992.0", 10);
    add(cases, "big < 9007199254740992.0", 10);
    add(cases, "big >= 9007199254740991.5", 10);
    add(cases, "big < 9223372036854775807.0", 10); // 2^63: every int64 is below it
    add(cases, "big <= -9223372036854775808.0", 10);
    add(cases, "big >= -9223372036854775808.0", 10);
    add(cases, "big > 0.5", 10);
    add(cases, "big < -0.5", 10);
    add(cases, "big >= -0.0", 10);
    add(cases, "big < 1e19", 10);
    add(cases, "big > -1e19", 10);
    zero(cases, "big > 1e19", 10);
    zero(cases, "big < -1e19", 10);
    add(cases, "bigs = 9223372036854775807", 10);
    add(cases, "bigs ALL (0, 9007199254740992)", 10);
    add(cases, "bigs ALL (9223372036854774784, -9223372036854775808)", 10);
    zero(cases, "bigs ALL (0, 1)", 10);
    add(cases, "bigs > 9007199254740992", 10);
    add(cases, "bigs < -9007199254740992", 10);
    add(cases, "bigs NOT IN (0, -1, 1)", 10);
    add(cases, "bigs >= 9223372036854775807", 10);
    // Doubles: signed zeros, the smallest subnormal, the largest finite, integers near 2^53.
    add(cases, "huge = 9007199254740992", 10);
    add(cases, "huge > 9007199254740992", 10);
    add(cases, "huge >= 9007199254740992", 10);
    add(cases, "huge = -0.0", 10); // -0.0 equals 0.0
    add(cases, "huge = 0", 10);
    add(cases, "huge NOT IN (0.0)", 10); // excludes -0.0 too
    add(cases, "huge > 0", 10);
    add(cases, "huge < 0", 10);
    add(cases, "huge >= -0.0", 10);
    add(cases, "huge <= 0.0", 10);
    add(cases, "huge > 0 AND huge < 1e-300", 10);
    add(cases, "huge IN (4.9E-324)", 10);
    add(cases, "huge >= 1e300", 10);
    add(cases, "huge = 1.7976931348623157E308", 10);
    zero(cases, "huge > 1.7976931348623157E308", 10);
    add(cases, "huge < -1e300", 10);
    add(cases, "huge = 9223372036854775808.0", 10);
    add(cases, "huges = -0.0", 10);
    add(cases, "huges ALL (0.0, -0.0)", 10); // each value equals some value
    add(cases, "huges ALL (0, 0.5)", 10);
    zero(cases, "huges ALL (0.0, 1.0)", 10);
    add(cases, "huges > 1e300", 10);
    add(cases, "huges NOT IN (0, 0.5, 1)", 10);
    add(cases, "EXISTS(huges) AND NOT EXISTS(big) OR n = 59", 10);
    add(cases, "EXISTS(bigs)", 10);
    add(cases, "EXISTS(huge) AND NOT huge = 0", 10);
    add(cases, "n NOT IN (0, 1)", 10);
    add(cases, "n < 3 OR n >= 137", 10);
    add(cases, "EXISTS(n)", 10);
    exactly(cases, "NOT EXISTS(big)", 10, 6);
    exactly(cases, "TRUE", 10, EXTREME_ITEMS);
    // Bitset words at their limits (int8 up to 7 values, int16, int32, int64 up to 63) and the
    // first cardinality past them (dictionary codes, padded lists).
    for (int k : CARDINALITIES) {
      for (String attr : new String[] {"c" + k, "m" + k}) {
        String top = "'v" + (k - 1) + "'";
        StringBuilder every = new StringBuilder();
        StringBuilder allButOne = new StringBuilder();
        for (int v = 0; v < k; v++) {
          every.append(v == 0 ? "" : ", ").append("'v").append(v).append("'");
          if (v != 1) {
            allButOne.append(v == 0 ? "" : ", ").append("'v").append(v).append("'");
          }
        }
        add(cases, attr + " = " + top, 10);
        add(cases, attr + " IN (" + every + ")", 10); // every bit of the word
        add(cases, attr + " IN ('v0', " + top + ", 'v-unknown')", 10);
        add(cases, attr + " NOT IN (" + allButOne + ")", 10);
        add(cases, attr + " NOT IN (" + top + ")", 10);
        add(cases, attr + " ALL (" + top + ")", 10);
        add(cases, attr + " ALL ('v0', " + top + ")", 10);
        zero(cases, attr + " ALL (" + top + ", 'v-unknown')", 10);
        add(cases, "NOT " + attr + " IN (" + every + ")", 10);
        add(cases, "EXISTS(" + attr + ")", 10);
      }
    }
    return cases;
  }

  /**
   * Regression (FilterCompiler.allOf): on a single-valued float attribute, {@code ALL} with two
   * literals that are equal as numbers but not as {@code Double} objects ({@code 0.0} and {@code
   * -0.0}) compiles to FALSE ("two values for a single-valued attribute"), while the reference
   * ({@code -0.0 = 0.0}) passes the items holding zero. DJL and PyTorch agree with each other.
   */
  @Test
  void signedZerosInAllOnASingleValuedFloat() throws Exception {
    List<Case> cases = new ArrayList<>();
    add(cases, "quality ALL (0.0, -0.0)", 10);
    add(cases, "quality ALL (0, -0.0)", 10);
    List<Case> extreme = new ArrayList<>();
    add(extreme, "huge ALL (0.0, -0.0)", 10);
    add(extreme, "huge ALL (-0.0, 0)", 10);
    crossCheck(
        "signed-zero",
        List.of(new Plan(archives.get(0), List.of(cases)), new Plan(edge, List.of(extreme))));
  }

  /**
   * Regression (FilterCompiler.intLowerBound / intUpperBound): a float bound on an int attribute is
   * made inclusive in double arithmetic, {@code Math.floor(d) + 1} and {@code Math.ceil(d) - 1},
   * which round back to {@code d} once |d| >= 2^53, so the exclusive bound becomes inclusive; and
   * an inclusive lower bound of exactly 2^63 becomes {@code >= Long.MAX_VALUE}.
   */
  @Test
  void floatBoundsBeyondTwoToThe53OnIntAttributes() throws Exception {
    List<Case> cases = new ArrayList<>();
    add(cases, "big > 9007199254740992.0", 10);
    add(cases, "big < 18014398509481984.0", 10);
    add(cases, "big > 9223372036854774784.0", 10);
    add(cases, "big >= 9223372036854775807.0", 10);
    add(cases, "big > -9223372036854775808.0", 10);
    add(cases, "big < -9223372036854775808.0", 10);
    add(cases, "bigs > 9007199254740992.0", 10);
    crossCheck("int-bounds", List.of(new Plan(edge, List.of(cases))));
  }

  /**
   * Regression (FilterCompiler.floatBound / arguments): an int literal on a float attribute is
   * rounded to the nearest double, so above 2^53 it equals and bounds a different number, while the
   * reference compares the long and the double exactly ({@code 2^53 + 1} is not {@code 2^53}).
   */
  @Test
  void intLiteralsBeyondTwoToThe53OnFloatAttributes() throws Exception {
    List<Case> cases = new ArrayList<>();
    add(cases, "huge = 9007199254740993", 10);
    add(cases, "huge >= 9007199254740993", 10);
    add(cases, "huge <= 9007199254740995", 10);
    add(cases, "huge NOT IN (9007199254740993)", 10);
    add(cases, "huge = 9223372036854775807", 10);
    add(cases, "huges = 9007199254740993", 10);
    crossCheck("float-literals", List.of(new Plan(edge, List.of(cases))));
  }

  private static void add(List<Case> cases, String filter, int k) {
    cases.add(new Case(filter, k, "hand", null));
  }

  private static void zero(List<Case> cases, String filter, int k) {
    cases.add(new Case(filter, k, "matches nothing", 0));
  }

  private static void exactly(List<Case> cases, String filter, int k, int matched) {
    cases.add(new Case(filter, k, "matches " + matched, matched));
  }

  // ---------------------------------------------------------------------------------------------
  // The three-way comparison.

  /**
   * One query of a batch.
   *
   * @param filter the filter text, or null for none
   * @param k the query's own k
   * @param label for messages
   * @param matched the number of items that must pass, where the case is about it; else null
   */
  private record Case(String filter, int k, String label, Integer matched) {}

  /** Tallies over the comparisons of one test. */
  private static final class Tally {
    long rows;
    long hits;
    long identical;
    long swaps;
    long empty;
    long autoCompact;
    long autoMasked;
    long autoIndexed;
    double worst;
    String version;

    /** "archive column c op o" for every program row sent (column -1 for logic rows). */
    final Set<String> opcodes = new HashSet<>();
  }

  /** One batch on one archive: its inputs, DJL's answers per path and the reference's. */
  private record Prepared(
      Archive archive,
      List<Case> cases,
      List<float[]> queries,
      int[] ks,
      List<BitSet> pass,
      Map<SearchPath, List<SearchResponse>> djl,
      List<BruteForce.Answer> expected) {
    int maxK() {
      return Arrays.stream(ks).max().orElseThrow();
    }
  }

  /** Batches to run on one archive. */
  private record Plan(Archive archive, List<List<Case>> batches) {}

  /** The same batches on every archive of the filter corpus. */
  private static List<Plan> onFilterCorpus(List<List<Case>> batches) {
    List<Plan> plans = new ArrayList<>();
    for (Archive a : archives) {
      plans.add(new Plan(a, batches));
    }
    return plans;
  }

  /** Cases in batches of at most {@link #BATCH}. */
  private static List<List<Case>> batches(List<Case> cases) {
    List<List<Case>> out = new ArrayList<>();
    for (int from = 0; from < cases.size(); from += BATCH) {
      out.add(cases.subList(from, Math.min(cases.size(), from + BATCH)));
    }
    return out;
  }

  /**
   * Runs every batch of every plan in PyTorch (one Python process) while DJL and the reference
   * answer them here, then compares.
   */
  private static Tally crossCheck(String test, List<Plan> plans) throws Exception {
    return crossCheck(test, plans, false);
  }

  /**
   * {@link #crossCheck(String, List)}; with {@code alsoOnce}, PyTorch runs each batch (whose
   * queries must share one filter) again with its program sent once for every query.
   */
  private static Tally crossCheck(String test, List<Plan> plans, boolean alsoOnce)
      throws Exception {
    Tally tally = new Tally();
    TorchPeer.Request request = new TorchPeer.Request();
    List<List<Prepared>> prepared = new ArrayList<>();
    for (int j = 0; j < plans.size(); j++) {
      Archive a = plans.get(j).archive();
      TorchPeer.Job job = request.job(a.name(), a.modelFile());
      if (a.exact()) {
        // Gathers of chunk_rows * 32 values, a few rows: the own-rows path scores one query at a
        // time and a union is gathered a few rows at a time, which on exact scores must change
        // nothing.
        job.chunkRows(SMALL_CHUNK_ROWS);
      }
      Random r = new Random(1000 + j);
      List<Prepared> mine = new ArrayList<>();
      for (List<Case> batch : plans.get(j).batches()) {
        List<float[]> queries = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        int[] ks = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
          queries.add(a.query(r));
          filters.add(batch.get(i).filter());
          ks[i] = batch.get(i).k();
        }
        List<CompiledFilters> programs =
            new ArrayList<>(List.of(CompiledFilters.compile(a.index().context(), filters)));
        if (alsoOnce) {
          assertEquals(1, new HashSet<>(filters).size(), "one filter for every query");
          programs.add(CompiledFilters.compileForEveryQuery(a.index().context(), filters.get(0)));
        }
        for (CompiledFilters program : programs) {
          long[] ops = program.ops();
          for (int row = 0; row < program.rows(); row++) {
            int at = row * FilterOpcodes.ROW_WIDTH;
            tally.opcodes.add(a.name() + " column " + ops[at + 2] + " op " + ops[at + 1]);
          }
          int maxK = Arrays.stream(ks).max().orElseThrow();
          job.call(maxK, ks, queries, null, 0, program);
          mine.add(new Prepared(a, batch, queries, ks, null, null, null));
        }
      }
      prepared.add(mine);
    }
    Path peer = Files.createDirectories(dir.resolve("peer-" + test));
    TorchPeer.Response torch;
    try (TorchPeer.Pending pending = TorchPeer.start(peer, request)) {
      for (List<Prepared> mine : prepared) {
        for (int c = 0; c < mine.size(); c++) {
          mine.set(c, answerHere(mine.get(c), tally));
        }
      }
      torch = pending.await();
    }
    for (int j = 0; j < prepared.size(); j++) {
      for (int c = 0; c < prepared.get(j).size(); c++) {
        check(prepared.get(j).get(c), torch.variants(j, c), tally);
      }
    }
    tally.version = torch.torchVersion();
    return tally;
  }

  /** DJL on every path and the reference answer a batch; DJL must match the reference. */
  private static Prepared answerHere(Prepared p, Tally tally) {
    Archive a = p.archive();
    List<SearchRequest> requests = new ArrayList<>();
    List<BitSet> pass = new ArrayList<>();
    List<BruteForce.Answer> expected = new ArrayList<>();
    for (int i = 0; i < p.cases().size(); i++) {
      Case c = p.cases().get(i);
      SearchRequest.Builder b = SearchRequest.builder().setVector(p.queries().get(i)).optK(c.k());
      if (c.filter() != null) {
        b.optFilter(c.filter());
      }
      requests.add(b.build());
      BitSet set = a.passing(c.filter());
      pass.add(set);
      expected.add(a.reference().search(p.queries().get(i), c.k(), set));
      if (c.matched() != null) {
        assertEquals(
            (long) c.matched(), set.cardinality(), c.filter() + ": the case's own count is wrong");
      }
    }
    SearchBatch batch = SearchBatch.of(requests);
    Map<SearchPath, List<SearchResponse>> djl = new EnumMap<>(SearchPath.class);
    for (SearchPath path : SearchPath.values()) {
      List<SearchResponse> got = a.index().search(batch, a.index().options().withPath(path));
      djl.put(path, got);
      for (int i = 0; i < got.size(); i++) {
        String context = context(a, p.cases().get(i), i, "djl " + path.jsonName());
        HitAssertions.assertSameHits(
            a.reference(),
            p.queries().get(i),
            expected.get(i),
            got.get(i),
            a.exact() ? 0 : REFERENCE_TOLERANCE,
            context);
        for (Hit h : got.get(i).hits()) {
          assertTrue(
              pass.get(i).get(a.reference().slotOf(h.id())),
              context + ": hit " + h.id() + " fails the filter");
        }
        if (path != SearchPath.AUTO) {
          assertEquals(path.jsonName(), got.get(i).stats().get("path"), context + ": path");
        }
      }
    }
    return new Prepared(a, p.cases(), p.queries(), p.ks(), pass, djl, expected);
  }

  /**
   * How many variants PyTorch runs of each batch on an archive: the automatic path and the three
   * forced ones, and on the exact archives each again with {@link #SMALL_CHUNK_ROWS}.
   */
  private static int variants(Archive a) {
    return a.exact() ? 8 : 4;
  }

  /** The variants PyTorch runs of one batch over every archive of the filter corpus. */
  private static int variantsOnFilterCorpus() {
    return archives.stream().mapToInt(TorchFilterCrossCheckTest::variants).sum();
  }

  /** PyTorch's variants of one batch against DJL on the same path and the reference. */
  private static void check(Prepared p, List<TorchPeer.Variant> variants, Tally tally) {
    Archive a = p.archive();
    int rows = p.cases().size();
    int width = Math.min(p.maxK(), a.size());
    Set<String> labels = new HashSet<>();
    for (TorchPeer.Variant v : variants) {
      labels.add(v.label());
      SearchPath path = SearchPath.parse(v.label().replace(SMALL_CHUNK_LABEL, ""));
      List<SearchResponse> djl = p.djl().get(path);
      String at = a.name() + " k=" + p.maxK() + " [torch " + v.label() + "]";
      assertEquals(List.of("float32", "int64", "int64", "int64"), v.dtypes().subList(0, 4), at);
      assertEquals(width, v.width(), at + ": k' = min(k, hwm)");
      for (int o = 0; o < 3; o++) {
        assertArrayEquals(new long[] {rows, width}, v.shapes().get(o), at + ": output " + o);
      }
      assertArrayEquals(new long[] {rows}, v.shapes().get(3), at + ": matched [B]");
      assertEquals(rows, v.rows().size(), at + ": rows");
      assertTrue(v.path() != null && v.path() >= 0 && v.path() <= 2, at + ": path " + v.path());
      String ran = PATHS.get(v.path().intValue());
      if (path == SearchPath.AUTO) {
        assertEquals(
            djl.get(0).stats().get("path"), ran, at + ": chosen automatically, DJL vs torch");
        if (v.path() == 2) {
          tally.autoIndexed++;
        } else if (v.path() == 1) {
          tally.autoCompact++;
        } else {
          tally.autoMasked++;
        }
      } else {
        assertEquals(path.jsonName(), ran, at + ": forced path");
      }
      for (int i = 0; i < rows; i++) {
        Case c = p.cases().get(i);
        String context = context(a, c, i, "torch " + v.label());
        TorchPeer.Row row = v.rows().get(i);
        assertRowMatchesReference(
            a, p.queries().get(i), p.expected().get(i), p.pass().get(i), row, context);
        assertMatchesDjl(a, p.queries().get(i), djl.get(i), row, context, tally);
        if (c.matched() != null) {
          assertEquals((long) c.matched(), row.matched(), context + ": matched");
          assertEquals(Math.min(c.k(), c.matched()), row.size(), context + ": hits");
        }
        tally.rows++;
        tally.hits += row.size();
        tally.empty += row.matched() == 0 && path == SearchPath.MASKED ? 1 : 0;
      }
    }
    Set<String> expected = new HashSet<>(Set.of("auto", "masked", "compact", "indexed"));
    if (a.exact()) {
      for (String label : List.copyOf(expected)) {
        expected.add(label + SMALL_CHUNK_LABEL);
      }
    }
    assertEquals(expected, labels, a.name() + ": variants");
  }

  private static String context(Archive a, Case c, int query, String engine) {
    return a.name()
        + " query "
        + query
        + " k="
        + c.k()
        + " filter "
        + (c.filter() == null ? "(none)" : "\"" + c.filter() + "\"")
        + " ("
        + c.label()
        + ") ["
        + engine
        + "]";
  }

  /**
   * A PyTorch row against the brute force: the same matched and number of hits, each hit in the
   * slot that holds its id and passing the filter, ids and scores exact on exact data, else only
   * near-ties swapped and scores within {@link #REFERENCE_TOLERANCE}.
   */
  private static void assertRowMatchesReference(
      Archive a,
      float[] q,
      BruteForce.Answer expected,
      BitSet pass,
      TorchPeer.Row row,
      String context) {
    HitAssertions.assertRowMatchesReference(
        a.reference(), q, expected, pass, row, a.exact() ? 0 : REFERENCE_TOLERANCE, context);
  }

  /**
   * A PyTorch row against DJL's answer on the same path: the same matched and number of hits, the
   * same ids in the same order (on inexact data a swap only between near-ties, counted), scores
   * bit-identical on exact data, else within {@link #ENGINE_TOLERANCE} of the term magnitude.
   */
  private static void assertMatchesDjl(
      Archive a, float[] q, SearchResponse djl, TorchPeer.Row row, String context, Tally tally) {
    assertEquals(djl.matched(), row.matched(), () -> context + ": matched, DJL vs torch");
    assertEquals(djl.hits().size(), row.size(), () -> context + ": hits, DJL vs torch");
    double magnitude = magnitude(a, q);
    for (int j = 0; j < row.size(); j++) {
      Hit h = djl.hits().get(j);
      long id = row.ids()[j];
      float score = row.scores()[j];
      String at = context + ": hit " + j + " DJL " + h + " torch id " + id + " score " + score;
      if (a.exact()) {
        if (!h.id().equals(id) || Float.floatToIntBits(h.score()) != Float.floatToIntBits(score)) {
          fail(at);
        }
        tally.identical++;
        continue;
      }
      double scale = Math.max(magnitude, Math.abs(h.score()));
      double diff = Math.abs((double) h.score() - score);
      if (diff > ENGINE_TOLERANCE * scale) {
        fail(at + ": the scores differ by " + diff + " > " + ENGINE_TOLERANCE * scale);
      }
      tally.identical += Float.floatToIntBits(h.score()) == Float.floatToIntBits(score) ? 1 : 0;
      tally.worst = Math.max(tally.worst, diff / scale);
      if (!h.id().equals(id)) {
        tally.swaps++;
        double x = a.reference().score(q, a.reference().slotOf(h.id()));
        double y = a.reference().score(q, a.reference().slotOf(id));
        if (Math.abs(x - y) > REFERENCE_TOLERANCE * Math.max(1, Math.abs(x))) {
          fail(at + ": different items that are not a near-tie (" + x + " vs " + y + ")");
        }
      }
    }
  }

  /** The size of the terms a score is summed from (see {@link TorchCrossCheckTest}); at least 1. */
  private static double magnitude(Archive a, float[] q) {
    double qq = 0;
    for (float x : q) {
      qq += (double) x * x;
    }
    double qn = Math.sqrt(qq);
    double e = a.maxNorm();
    switch (a.index().metadata().schema().metric()) {
      case COSINE:
        return 1;
      case L2:
        return Math.max(1, qq + 2 * qn * e + e * e);
      default:
        return Math.max(1, qn * e);
    }
  }

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

  private static void report(String what, Tally tally) {
    System.out.printf(
        Locale.ROOT,
        "TorchFilterCrossCheckTest: torch %s agreed with DJL and the reference on %s: %d rows"
            + " (%d empty on the masked path), %d hits, %d bit-identical scores, largest"
            + " difference %.3g of the term magnitude, %d near-tie swaps; automatic path: %d"
            + " indexed, %d compact, %d masked%n",
        tally.version,
        what,
        tally.rows,
        tally.empty,
        tally.hits,
        tally.identical,
        tally.worst,
        tally.swaps,
        tally.autoIndexed,
        tally.autoCompact,
        tally.autoMasked);
  }
}
