package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.filter.Filter;
import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import dev.linr.filter.RandomFilters;
import dev.linr.index.BuildResult;
import dev.linr.index.FilterOpcodes;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.CompiledFilters;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random filters, each query of a batch with its own filter and k, against the
 * plain-Java evaluator plus brute force: identical hits and identical {@code matched} on the masked
 * path, the compact path and the automatic choice.
 */
class FilterPropertyTest {
  private static final int ITEMS = 2500;
  private static final int DIM = 12;

  @TempDir static Path dir;
  private static TestCorpus corpus;
  private static LinrIndex index;
  private static BruteForce reference;
  private static final Map<Object, Integer> SLOTS = new HashMap<>();
  private static final List<Map<String, List<Object>>> ATTRIBUTES = new ArrayList<>();

  @BeforeAll
  static void build() throws Exception {
    corpus = FilterCorpus.create(41, ITEMS, DIM);
    BuildResult built = Indexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 0.2);
    index = LinrIndex.open(built.folder());
    reference = new BruteForce(corpus, index.metadata().schema());
    for (int i = 0; i < corpus.size(); i++) {
      SLOTS.put(corpus.items.get(i).id(), i);
      ATTRIBUTES.add(FilterCorpus.asLists(corpus.items.get(i).attributes()));
    }
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static BitSet passing(Filter filter) {
    BitSet set = new BitSet();
    for (int i = 0; i < corpus.size(); i++) {
      if (FilterEvaluator.matches(filter, ATTRIBUTES.get(i))) {
        set.set(i);
      }
    }
    return set;
  }

  @Test
  void randomFiltersMatchTheReferenceOnEveryPath() {
    RandomFilters filters =
        new RandomFilters(index.metadata().schema(), FilterCorpus.pools(), 1234);
    Random r = new Random(99);
    int[] ks = {1, 3, 10, 40};
    int checked = 0;
    int empty = 0;
    for (int round = 0; round < 32; round++) {
      List<SearchRequest> requests = new ArrayList<>();
      List<BitSet> passes = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        Filter f = filters.next(3);
        passes.add(passing(f));
        requests.add(
            SearchRequest.builder()
                .setVector(TestCorpus.gaussianVector(r, DIM))
                .optK(ks[r.nextInt(ks.length)])
                .optFilter(f.toString())
                .build());
      }
      checked += checkEveryPath(requests, passes);
      empty += (int) passes.stream().filter(BitSet::isEmpty).count();
    }
    assertEquals(32 * 32, checked);
    assertTrue(empty > 0, "some random filters should match nothing");
  }

  /**
   * Batches whose queries share a filter's shape but not its values (a server batching the queries
   * of different users). Every template, on every encoding, including extreme numbers and lists of
   * more than eight values, against the plain-Java evaluator plus brute force.
   */
  @Test
  void batchesOfOneFilterShapeWithDifferentValuesAreExact() {
    Random r = new Random(77);
    List<java.util.function.Supplier<String>> templates =
        List.of(
            () -> {
              int lo = r.nextInt(ITEMS);
              return "rank BETWEEN " + lo + " AND " + (lo + r.nextInt(300));
            },
            () -> "company IN (" + (1000 + r.nextInt(50)) + ", " + (1000 + r.nextInt(50)) + ")",
            () -> "company IN (" + manyCompanies(r) + ")",
            // More than eight values: a lookup table over their span, or isin where it is wide.
            () -> "company IN (" + manyCompanies(r) + ", " + extreme(r) + ")",
            () -> "author NOT IN (" + manyAuthors(r) + ")",
            () ->
                "levels IN ("
                    + (r.nextInt(3) - 5)
                    + ", 0, 1, 2, 3, 4, 5, 6, "
                    + r.nextInt(10)
                    + ")",
            () -> "geo IN ('" + geo(r) + "', '" + geo(r) + "')",
            () -> "NOT geo = '" + geo(r) + "' AND sponsored = " + r.nextBoolean(),
            () -> "skills ALL ('" + skill(r) + "', '" + skill(r) + "')",
            () -> "skills = '" + skill(r) + "' OR levels = " + r.nextInt(10),
            () -> {
              double lo = r.nextInt(1000) / 1000.0;
              return "quality >= " + lo + " AND quality <= " + (lo + r.nextInt(300) / 1000.0);
            },
            () -> "weights >= " + r.nextInt(100) / 100.0 + " AND NOT answers = " + r.nextBoolean(),
            () -> "author IN ('author-" + r.nextInt(200) + "', 'author-" + r.nextInt(200) + "')",
            () -> "tags = 'tag-" + r.nextInt(100) + "' OR posted_at < " + postedAt(r),
            () -> "EXISTS(quality) AND rank < " + extreme(r),
            () -> "posted_at >= " + extreme(r) + " AND quality > " + (r.nextDouble() * 2 - 0.5),
            // Broad operands on two columns: the index narrows each query's pairs by the other.
            () ->
                "rank < "
                    + (300 + r.nextInt(900))
                    + " AND posted_at < "
                    + (1_764_000_000 + r.nextInt(500_000))
                    + " AND company IN ("
                    + (1000 + r.nextInt(50))
                    + ", "
                    + (1000 + r.nextInt(50))
                    + ", "
                    + (1000 + r.nextInt(50))
                    + ")");
    int checked = 0;
    for (java.util.function.Supplier<String> template : templates) {
      List<String> filters = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        filters.add(template.get());
      }
      checked += checkBatch(r, filters);
    }
    assertEquals(templates.size() * 12, checked);
  }

  /**
   * The two ways a batch of different filters is scored on the indexed path: each query against its
   * own passing rows (disjoint ranges, and ranges that overlap their neighbours a little), and the
   * whole batch against the union of the rows (ranges that share most of their rows, and one broad
   * range among narrow ones, where padding every query to the broadest would cost more).
   */
  @Test
  void batchesScoredOnTheirOwnRowsOrOnTheUnionAreExact() {
    Random r = new Random(5);
    List<List<String>> batches = new ArrayList<>();
    List<String> disjoint = new ArrayList<>();
    List<String> neighbours = new ArrayList<>();
    List<String> sharing = new ArrayList<>();
    List<String> oneBroad = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      disjoint.add("rank BETWEEN " + (i * 70) + " AND " + (i * 70 + 3 + r.nextInt(40)));
      neighbours.add("rank >= " + (i * 60) + " AND rank < " + (i * 60 + 90));
      sharing.add("rank BETWEEN 400 AND " + (600 + i));
      oneBroad.add(i == 7 ? "rank < 2000" : "rank BETWEEN " + (i * 50) + " AND " + (i * 50 + 4));
    }
    batches.add(disjoint);
    batches.add(neighbours);
    batches.add(sharing);
    batches.add(oneBroad);
    int checked = 0;
    for (List<String> filters : batches) {
      checked += checkBatch(r, filters);
    }
    assertEquals(4 * 32, checked);
  }

  /**
   * Batches whose queries all share one filter, which the model reads once, and near misses that it
   * must not take for one: a query whose value differs (an int, or only a float argument), first or
   * last, or whose program is longer.
   */
  @Test
  void batchesSharingOneFilterAreExact() {
    Random r = new Random(31);
    List<List<String>> batches =
        List.of(
            Collections.nCopies(6, "rank < 40"),
            Collections.nCopies(6, "company IN (1001, 1002) AND quality > 0.5"),
            Collections.nCopies(5, "tags IN ('tag-3') OR levels BETWEEN 2 AND 4"),
            Collections.nCopies(3, "NOT EXISTS(geo)"),
            List.of("rank < 40", "rank < 40", "rank < 40", "rank < 41"),
            List.of("rank < 41", "rank < 40", "rank < 40", "rank < 40"),
            List.of("quality > 0.5 AND rank < 600", "quality > 0.6 AND rank < 600"),
            List.of("rank < 40", "rank < 40 AND rank < 40", "rank < 40"));
    int checked = 0;
    int queries = 0;
    for (List<String> filters : batches) {
      checked += checkBatch(r, filters);
      queries += filters.size();
    }
    assertEquals(queries, checked);
  }

  /**
   * One batch, a query per filter (random vectors and k from {@code r}), checked on every path (see
   * checkEveryPath).
   */
  private static int checkBatch(Random r, List<String> filters) {
    List<SearchRequest> requests = new ArrayList<>();
    List<BitSet> passes = new ArrayList<>();
    for (String text : filters) {
      passes.add(passing(FilterParser.parse(text)));
      requests.add(query(r, text));
    }
    return checkEveryPath(requests, passes);
  }

  /** A query with the filter, a random vector and a random k from 1 to 20. */
  private static SearchRequest query(Random r, String filter) {
    return SearchRequest.builder()
        .setVector(TestCorpus.gaussianVector(r, DIM))
        .optK(1 + r.nextInt(20))
        .optFilter(filter)
        .build();
  }

  /**
   * Runs the batch on every search path and checks each query against the reference: the same hits,
   * only passing hits, and {@code matched} equal to the passing count. Returns the queries checked
   * (per path).
   */
  private static int checkEveryPath(List<SearchRequest> requests, List<BitSet> passes) {
    return checkEveryPath(new SearchBatch(requests, List.of()), passes);
  }

  /** {@link #checkEveryPath(List, List)} for a batch that may carry allow masks. */
  private static int checkEveryPath(SearchBatch batch, List<BitSet> passes) {
    List<SearchRequest> requests = batch.requests();
    for (SearchPath path : SearchPath.values()) {
      List<SearchResponse> got = index.search(batch, index.options().withPath(path));
      for (int i = 0; i < requests.size(); i++) {
        SearchRequest q = requests.get(i);
        BitSet pass = passes.get(i);
        String context = path + " filter " + q.filter().get();
        assertEquals(pass.cardinality(), got.get(i).matched(), context);
        HitAssertions.assertSameHits(
            reference,
            q.vector(),
            reference.search(q.vector(), q.k(), pass),
            got.get(i),
            1e-4,
            context);
        for (Hit h : got.get(i).hits()) {
          assertTrue(pass.get(SLOTS.get(h.id())), context + ": hit " + h.id() + " fails it");
        }
      }
    }
    return requests.size();
  }

  @Test
  void rangesOnOneAttributeAreIntersectedExactly() {
    // The compiler intersects the ranges an AND holds on one single-valued attribute into one
    // RANGE row (missing values, empty intersections, exclusive and float bounds, a float
    // attribute's signed zeros); on a multi-valued attribute they stay apart, as an item's
    // different values may meet them.
    List<String> merged =
        List.of(
            "rank >= 100 AND rank < 140",
            "rank > 5 AND company IN (1001, 1002, 1003) AND rank >= 3 AND rank <= 900 AND rank < 700",
            "quality > 0.25 AND quality <= 0.5 AND quality < 0.75",
            "quality >= -0.0 AND quality <= 0.0",
            "rank < 2000 AND posted_at >= 1764100000 AND rank >= 0 AND posted_at < 1764400000");
    for (String text : merged) {
      long attributes = text.contains("posted_at") ? 2 : 1;
      assertEquals(attributes, rangeRows(text), text + ": one RANGE row an attribute");
    }
    // Empty intersections compile to FALSE.
    List<String> empty = List.of("rank >= 10 AND rank < 10", "quality > 0.5 AND quality <= 0.5");
    for (String text : empty) {
      assertEquals(0, rangeRows(text), text + ": no RANGE row");
    }
    String apart = "levels >= 2 AND levels <= 2";
    assertEquals(2, rangeRows(apart), apart + ": a multi-valued attribute's ranges stay apart");
    Random r = new Random(41);
    List<String> all = new ArrayList<>(merged);
    all.addAll(empty);
    all.add(apart);
    assertEquals(all.size(), checkBatch(r, all));
    for (String text : all) {
      assertEquals(2, checkBatch(r, Collections.nCopies(2, text)));
    }
  }

  /** How many RANGE rows a filter compiles to for this index. */
  private static long rangeRows(String filter) {
    long[] ops = CompiledFilters.compile(index.context(), Collections.singletonList(filter)).ops();
    long rows = 0;
    for (int at = 0; at < ops.length; at += FilterOpcodes.ROW_WIDTH) {
      rows += ops[at + 1] == FilterOpcodes.RANGE ? 1 : 0;
    }
    return rows;
  }

  @Test
  void filtersWithAllowMasksAreExact() {
    // A filter and an allow mask together: a hit must pass both. One query (whose mask is the
    // batch's only row) and batches sharing a filter or not, selective (indexed) and broad.
    Random r = new Random(37);
    List<List<String>> batches =
        List.of(
            List.of("rank < 40"),
            List.of("rank < 2000"),
            Collections.nCopies(4, "rank < 40"),
            Collections.nCopies(3, "rank >= 100 AND rank < 1900"),
            List.of("rank < 40", "rank >= 60 AND rank < 90", "company IN (1001, 1002)"));
    int checked = 0;
    int queries = 0;
    for (List<String> filters : batches) {
      List<SearchRequest> requests = new ArrayList<>();
      List<BitSet> allow = new ArrayList<>();
      List<BitSet> passes = new ArrayList<>();
      for (String text : filters) {
        BitSet allowed = new BitSet();
        for (int s = 0; s < ITEMS; s++) {
          if (r.nextBoolean()) {
            allowed.set(s);
          }
        }
        BitSet pass = passing(FilterParser.parse(text));
        pass.and(allowed);
        allow.add(allowed);
        passes.add(pass);
        requests.add(query(r, text));
      }
      checked += checkEveryPath(new SearchBatch(requests, allow), passes);
      queries += filters.size();
    }
    assertEquals(queries, checked);
  }

  private static String geo(Random r) {
    return FilterCorpus.GEOS[r.nextInt(FilterCorpus.GEOS.length)];
  }

  private static String skill(Random r) {
    return FilterCorpus.SKILLS[r.nextInt(FilterCorpus.SKILLS.length)];
  }

  private static long postedAt(Random r) {
    return 1_764_000_000L + r.nextInt(1_000_000);
  }

  /** Numbers at and past the ends of 32-bit and 64-bit ranges, and ordinary ones. */
  private static long extreme(Random r) {
    long[] values = {
      Long.MIN_VALUE, -1L << 31, (1L << 31) - 1, 1L << 31, Long.MAX_VALUE, 0, 1_764_500_000L
    };
    return r.nextInt(3) == 0 ? r.nextInt(ITEMS) : values[r.nextInt(values.length)];
  }

  /** Ten companies: more values than the short-list comparison takes. */
  private static String manyAuthors(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      out.add("'author-" + r.nextInt(200) + "'");
    }
    return String.join(", ", out);
  }

  private static String manyCompanies(Random r) {
    List<String> out = new ArrayList<>();
    int start = r.nextInt(40);
    for (int i = 0; i < 10; i++) {
      out.add(String.valueOf(1000 + start + i));
    }
    return String.join(", ", out);
  }

  @Test
  void everySelectivityFromNothingToEverythingIsExact() {
    Random r = new Random(5);
    List<String> filters =
        List.of(
            "rank < 0",
            "rank = 17",
            "rank BETWEEN 100 AND 109",
            "rank < 25",
            "rank < 250",
            "rank < 1250",
            "rank >= 0",
            "geo = 'zz'",
            "geo != 'zz'",
            "NOT (geo = 'zz')",
            "skills ALL ('java', 'ml')",
            "EXISTS(quality) AND NOT EXISTS(geo)",
            "author IN ('author-3', 'author-150') OR tags ALL ('tag-1', 'tag-2')",
            "author != 'author-7' AND tags NOT IN ('tag-5')",
            "NOT EXISTS(author) OR EXISTS(tags)");
    for (String text : filters) {
      Filter f = FilterParser.parse(text);
      BitSet pass = passing(f);
      for (int k : new int[] {1, 10, ITEMS}) {
        float[] v = TestCorpus.gaussianVector(r, DIM);
        SearchRequest q = SearchRequest.builder().setVector(v).optK(k).optFilter(text).build();
        SearchResponse got = index.search(q);
        HitAssertions.assertSameHits(
            reference, v, reference.search(v, k, pass), got, 1e-4, text + " k=" + k);
      }
    }
  }

  @Test
  void everyEncodingIsExercised() {
    var encodings = new java.util.HashSet<dev.linr.index.AttributeColumn.Encoding>();
    for (var c : index.metadata().layout().columns()) {
      encodings.add(c.encoding());
    }
    assertEquals(java.util.EnumSet.allOf(dev.linr.index.AttributeColumn.Encoding.class), encodings);
    assertEquals(
        dev.linr.index.AttributeColumn.Encoding.CODES,
        index.metadata().layout().column("author").encoding());
    assertEquals(
        dev.linr.index.AttributeColumn.Encoding.LIST,
        index.metadata().layout().column("tags").encoding());
  }

  @Test
  void exactlyKMatchesReturnsExactlyThem() {
    float[] v = TestCorpus.gaussianVector(new Random(3), DIM);
    SearchResponse got =
        index.search(
            SearchRequest.builder()
                .setVector(v)
                .optK(10)
                .optFilter("rank BETWEEN 30 AND 39")
                .build());
    assertEquals(10, got.matched());
    assertEquals(10, got.hits().size());
    for (Hit h : got.hits()) {
      long rank = (Long) h.id() - 1;
      assertTrue(rank >= 30 && rank <= 39, "hit " + h.id());
    }
  }

  @Test
  void theAutomaticPlannerIndexesOrCompactsOnlySelectiveBatches() {
    float[] v = TestCorpus.gaussianVector(new Random(4), DIM);
    assertEquals("indexed", pathOf(v, "rank < 20"));
    assertEquals("indexed", pathOf(v, "rank >= 100 AND rank < 120 AND NOT (geo = 'us')"));
    assertEquals("indexed", pathOf(v, "author IN ('author-3', 'author-9') AND rank >= 20"));
    // Two broad indexed operands (16% and 20%) whose conjunction is selective: the index
    // intersects their slots; when the conjunction is broad too (about 8%), it does not pay.
    assertEquals("indexed", pathOf(v, "rank < 400 AND posted_at < 1764200000"));
    assertEquals("compact", pathOf(v, "rank < 1000 AND posted_at < 1764500000 AND geo = 'us'"));
    // Selective, but no indexed operand at the top (bitset and list columns, an OR): compact.
    assertEquals("compact", pathOf(v, "rank < 20 OR rank > 2990"));
    assertEquals("compact", pathOf(v, "tags ALL ('tag-1', 'tag-2', 'tag-3')"));
    // Indexed operands whose candidates are too many: the scan paths decide.
    assertEquals("masked", pathOf(v, "rank >= 20"));
    assertEquals("compact", pathOf(v, "rank >= 20 AND tags ALL ('tag-1', 'tag-2', 'tag-3')"));
    assertEquals("masked", pathOf(v, null));
    // A batch takes the index only if every query can; it compacts only if its passing items add
    // up to a small share of the items.
    List<SearchResponse> mixed =
        index.search(
            SearchBatch.of(
                List.of(
                    SearchRequest.builder().setVector(v).optFilter("rank < 20").build(),
                    SearchRequest.builder().setVector(v).optFilter("rank >= 20").build())));
    assertEquals("masked", mixed.get(0).stats().get("path"));
    // The same narrowing for a batch of one-shape filters, each query on its own pairs.
    List<SearchRequest> shaped = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      shaped.add(
          SearchRequest.builder()
              .setVector(v)
              .optFilter("rank < " + (400 + i) + " AND posted_at < " + (1_764_200_000 + i))
              .build());
    }
    assertEquals("indexed", index.search(SearchBatch.of(shaped)).get(0).stats().get("path"));
  }

  private static String pathOf(float[] v, String filter) {
    SearchRequest.Builder b = SearchRequest.builder().setVector(v);
    if (filter != null) {
      b.optFilter(filter);
    }
    return index.search(b.build()).stats().get("path").toString();
  }

  /**
   * Filters whose top-level operands the attribute index narrows in every way it can (ranges that
   * intersect, value lists with repeats and absent values, codes, floats with missing values,
   * multi-valued columns of codes, ints and floats, extreme bounds) and ways it cannot (OR, NOT,
   * ALL), on every path.
   */
  @Test
  void indexedOperandsOfEveryKindAreExact() {
    List<String> filters =
        List.of(
            "rank >= 100 AND rank < 110",
            "rank BETWEEN 5 AND 50 AND rank BETWEEN 40 AND 90",
            "rank BETWEEN 50 AND 60 AND rank BETWEEN 70 AND 90",
            "rank IN (1, 5, 5, 1999, 99999)",
            "rank IN (-9223372036854775808, 9223372036854775807, 0)",
            "rank >= -9223372036854775808 AND rank < 3",
            "rank > 9223372036854775806",
            "company = 1003 AND rank < 500",
            "company IN (1001, 1002) AND author = 'author-3'",
            "author IN ('author-3', 'author-7', 'nobody') AND NOT (rank < 100)",
            "author = 'nobody'",
            "quality >= 0.99",
            "quality BETWEEN 0.5 AND 0.5",
            "quality < 0.02 AND EXISTS(geo)",
            "posted_at > 1764990000 AND geo = 'us'",
            "rank < 50 OR company = 1001",
            "NOT (rank >= 20)",
            "skills IN ('java') AND rank BETWEEN 200 AND 260",
            "NOT EXISTS(company) AND rank < 400",
            "tags IN ('tag-3', 'tag-7', 'tag-3')",
            "tags IN ('tag-3', 'nobody') AND rank < 2000",
            "tags ALL ('tag-1', 'tag-2') AND levels IN (3)",
            "levels IN (3, 9) AND quality > 0.5",
            "levels BETWEEN 8 AND 9 AND levels BETWEEN 9 AND 12",
            // A list's ranges are separate operands: {2, 6} passes both without a level in [4, 4].
            "levels BETWEEN 2 AND 4 AND levels BETWEEN 4 AND 6",
            "levels >= 8 AND levels <= 1",
            "weights >= 0.9 AND weights <= 0.1 AND rank < 1500",
            "levels >= 9223372036854775807",
            "weights BETWEEN 0.1 AND 0.12",
            "weights > 0.98 OR tags IN ('tag-1')",
            "NOT (tags IN ('tag-5')) AND rank < 100");
    Random r = new Random(12);
    List<SearchRequest> requests = new ArrayList<>();
    List<BitSet> passes = new ArrayList<>();
    for (String text : filters) {
      for (int k : new int[] {1, 10}) {
        requests.add(
            SearchRequest.builder()
                .setVector(TestCorpus.gaussianVector(r, DIM))
                .optK(k)
                .optFilter(text)
                .build());
        passes.add(passing(FilterParser.parse(text)));
      }
    }
    // Each query on its own, then all of them as one batch.
    for (int i = 0; i < requests.size(); i++) {
      checkEveryPath(List.of(requests.get(i)), List.of(passes.get(i)));
    }
    assertEquals(requests.size(), checkEveryPath(requests, passes));
  }

  @Test
  void forcedPathsReportWhichRan() {
    float[] v = TestCorpus.gaussianVector(new Random(6), DIM);
    SearchBatch batch =
        SearchBatch.of(
            List.of(SearchRequest.builder().setVector(v).optFilter("rank < 900").build()));
    SearchResponse masked = index.search(batch, index.options().withPath(SearchPath.MASKED)).get(0);
    SearchResponse compact =
        index.search(batch, index.options().withPath(SearchPath.COMPACT)).get(0);
    SearchResponse indexed =
        index.search(batch, index.options().withPath(SearchPath.INDEXED)).get(0);
    assertEquals("masked", masked.stats().get("path"));
    assertEquals("compact", compact.stats().get("path"));
    assertEquals("indexed", indexed.stats().get("path"));
    assertEquals(masked.hits(), compact.hits());
    assertEquals(masked.matched(), compact.matched());
    assertEquals(masked.hits(), indexed.hits());
    assertEquals(masked.matched(), indexed.matched());
  }
}
