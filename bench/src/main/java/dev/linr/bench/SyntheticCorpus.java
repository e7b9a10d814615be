package dev.linr.bench;

import dev.linr.demo.DemoCorpus;
import dev.linr.schema.Metric;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;

/**
 * A synthetic corpus of job posts with realistic attributes, deterministic for a seed: clustered
 * vectors ({@link DemoCorpus}: Gaussian noise around topic centroids), and per item
 *
 * <ul>
 *   <li>{@code company}: int 1..{@value #COMPANIES}, Zipf (s = {@value #COMPANY_S}) by company id;
 *   <li>{@code geo}: one of {@link #GEOS} (40), Zipf (s = {@value #GEO_S}) in list order;
 *   <li>{@code posted_at}: int epoch seconds, uniform over the {@value #DAYS} days before {@link
 *       #NOW};
 *   <li>{@code skills}: 1 to 6 distinct of {@value #SKILLS} skill names, Zipf (s = {@value
 *       #SKILL_S}) popularity.
 * </ul>
 *
 * <p>{@link #generate} streams the items to disk (a float32 {@code .npy} of vectors and JSON Lines
 * of ids 1..N with attributes), keeping only the attribute columns in memory; {@link #dataset} then
 * reads the vectors back for the peers. {@link #filters} are the benchmark's filters, from about
 * half of the items down to about 0.01%.
 */
final class SyntheticCorpus {
  static final int COMPANIES = 50_000;
  static final double COMPANY_S = 1.1;
  static final double GEO_S = 1.2;
  static final int SKILLS = 500;
  static final double SKILL_S = 1.0;
  static final int MAX_SKILLS = 6;
  static final int DAYS = 90;
  static final int TOPICS = 100;

  /** The newest post time: {@link DemoCorpus#NEWEST} (2025-11-26T00:00:00Z). */
  static final long NOW = DemoCorpus.NEWEST;

  /** One week before {@link #NOW}: the "recent" cut-off of the filters. */
  static final long WEEK_AGO = NOW - 7 * 86_400L;

  /** The geos, most common first: the demo's 30 and ten more. */
  static final List<String> GEOS = geos();

  /** The skill names, most popular first: the demo's 20, then {@code skill-020} .. */
  static final List<String> SKILL_NAMES = skillNames();

  final int items;
  final int dim;
  final Path npy;
  final Path metadata;
  final float[][] queries;
  final int[] company;
  final byte[] geo;
  final int[] postedAt;

  /** Item i's skills are {@code skills[skillStart[i] .. skillStart[i + 1])}, as skill ranks. */
  final int[] skillStart;

  final short[] skills;

  private SyntheticCorpus(
      int items,
      int dim,
      Path npy,
      Path metadata,
      float[][] queries,
      int[] company,
      byte[] geo,
      int[] postedAt,
      int[] skillStart,
      short[] skills) {
    this.items = items;
    this.dim = dim;
    this.npy = npy;
    this.metadata = metadata;
    this.queries = queries;
    this.company = company;
    this.geo = geo;
    this.postedAt = postedAt;
    this.skillStart = skillStart;
    this.skills = skills;
  }

  /**
   * Writes {@code items} items to {@code work/vectors.npy} and {@code work/items.jsonl} and makes
   * {@code queryCount} queries near the corpus topics; the same seed gives the same files and
   * queries.
   */
  static SyntheticCorpus generate(Path work, int items, int dim, int queryCount, long seed)
      throws IOException {
    if (items < 1 || dim < 1 || queryCount < 1) {
      throw new IllegalArgumentException(
          "items, dim and queries must be positive, got " + items + ", " + dim + ", " + queryCount);
    }
    DemoCorpus vectors = new DemoCorpus(dim, TOPICS, seed);
    Path npy = work.resolve("vectors.npy");
    Path demoMeta = work.resolve("demo-items.jsonl");
    vectors.writeNpy(npy, demoMeta, items);
    Files.delete(demoMeta);
    Zipf companies = new Zipf(COMPANIES, COMPANY_S);
    Zipf geos = new Zipf(GEOS.size(), GEO_S);
    Zipf skillRanks = new Zipf(SKILLS, SKILL_S);
    SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    int[] company = new int[items];
    byte[] geo = new byte[items];
    int[] postedAt = new int[items];
    int[] skillStart = new int[items + 1];
    short[] skills = new short[items * 4];
    int used = 0;
    Path metadata = work.resolve("items.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(metadata, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(256);
      int[] picked = new int[MAX_SKILLS];
      for (int i = 0; i < items; i++) {
        company[i] = 1 + companies.sample(r);
        geo[i] = (byte) geos.sample(r);
        postedAt[i] = Math.toIntExact(NOW - r.nextLong(DAYS * 86_400L));
        int n = 1 + r.nextInt(MAX_SKILLS);
        int count = 0;
        while (count < n) {
          int s = skillRanks.sample(r);
          if (!contains(picked, count, s)) {
            picked[count++] = s;
          }
        }
        if (used + n > skills.length) {
          skills = java.util.Arrays.copyOf(skills, Math.max(skills.length * 3 / 2, used + n));
        }
        for (int j = 0; j < n; j++) {
          skills[used++] = (short) picked[j];
        }
        skillStart[i + 1] = used;
        line.setLength(0);
        line.append("{\"id\":").append(i + 1).append(",\"attributes\":{\"company\":");
        line.append(company[i]).append(",\"geo\":\"").append(GEOS.get(geo[i]));
        line.append("\",\"posted_at\":").append(postedAt[i]).append(",\"skills\":[");
        for (int j = 0; j < n; j++) {
          line.append(j > 0 ? ",\"" : "\"").append(SKILL_NAMES.get(picked[j])).append('"');
        }
        line.append("]}}\n");
        out.write(line.toString());
      }
    }
    float[][] queries = new float[queryCount][];
    for (int i = 0; i < queryCount; i++) {
      queries[i] = vectors.queryNear(i, 1000 + i);
    }
    return new SyntheticCorpus(
        items,
        dim,
        npy,
        metadata,
        queries,
        company,
        geo,
        postedAt,
        skillStart,
        java.util.Arrays.copyOf(skills, used));
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** Whether the item in {@code slot} has the skill of rank {@code skill}. */
  boolean hasSkill(int slot, int skill) {
    for (int j = skillStart[slot]; j < skillStart[slot + 1]; j++) {
      if (skills[j] == skill) {
        return true;
      }
    }
    return false;
  }

  /**
   * The benchmark's filters, most passing first (approximate pass rates by construction: the most
   * common skill about 40%, the most common geo about 30%, a week of posts 7.8%, down to a company
   * whose Zipf share is about 0.01%): unfiltered, single predicates and conjunctions.
   */
  List<DatasetFilter> filters() {
    int rare = 1 + new Zipf(COMPANIES, COMPANY_S).rankWithProbabilityAtMost(1e-4);
    List<DatasetFilter> out = new ArrayList<>();
    out.add(DatasetFilter.NONE);
    out.add(skill("java"));
    out.add(geo("us"));
    out.add(company(1));
    out.add(recent());
    out.add(DatasetFilter.and(skillsAll("java", "python"), geoIn("gb", "ca")));
    out.add(DatasetFilter.and(company(2), geo("us")));
    out.add(DatasetFilter.and(skill("kafka"), recent()));
    out.add(DatasetFilter.and(geo("de"), recent()));
    out.add(DatasetFilter.and(company(1), geo("us"), recent()));
    out.add(company(rare));
    out.add(DatasetFilter.and(skill("skill-300"), recent()));
    return out;
  }

  private DatasetFilter skill(String name) {
    int rank = rankOf(SKILL_NAMES, name);
    return DatasetFilter.term("skills", name, slot -> hasSkill(slot, rank));
  }

  private DatasetFilter skillsAll(String a, String b) {
    DatasetFilter both = DatasetFilter.and(skill(a), skill(b));
    return new DatasetFilter(
        "skills ALL (" + DatasetFilter.quote(a) + ", " + DatasetFilter.quote(b) + ")",
        both.lucene(),
        both.passes());
  }

  private DatasetFilter geo(String name) {
    int rank = rankOf(GEOS, name);
    return DatasetFilter.term("geo", name, slot -> geo[slot] == rank);
  }

  private DatasetFilter geoIn(String... names) {
    IntPredicate any = slot -> false;
    for (String n : names) {
      int rank = rankOf(GEOS, n);
      any = any.or(slot -> geo[slot] == rank);
    }
    return DatasetFilter.in("geo", List.of(names), any);
  }

  private DatasetFilter company(int id) {
    return new DatasetFilter(
        "company = " + id, IntPoint.newExactQuery("company", id), slot -> company[slot] == id);
  }

  private DatasetFilter recent() {
    return new DatasetFilter(
        "posted_at >= " + WEEK_AGO,
        LongPoint.newRangeQuery("posted_at", WEEK_AGO, Long.MAX_VALUE),
        slot -> postedAt[slot] >= WEEK_AGO);
  }

  private static int rankOf(List<String> names, String name) {
    int rank = names.indexOf(name);
    if (rank < 0) {
      throw new IllegalArgumentException("unknown value " + name);
    }
    return rank;
  }

  /** The benchmark's view: cosine, unit stored vectors read back from the {@code .npy}. */
  Dataset dataset() throws IOException {
    float[] unit = NpyReader.read(npy, items, dim);
    for (int r = 0; r < items; r++) {
      FilterCorpus.normalise(unit, r * dim, dim);
    }
    return new Dataset(
        "synthetic",
        items,
        dim,
        Metric.COSINE,
        npy,
        metadata,
        unit,
        queries,
        filters(),
        (doc, slot) -> {
          doc.add(new IntPoint("company", company[slot]));
          doc.add(new StringField("geo", GEOS.get(geo[slot]), Field.Store.NO));
          doc.add(new LongPoint("posted_at", postedAt[slot]));
          for (int j = skillStart[slot]; j < skillStart[slot + 1]; j++) {
            doc.add(new StringField("skills", SKILL_NAMES.get(skills[j]), Field.Store.NO));
          }
        });
  }

  private static List<String> geos() {
    List<String> g = new ArrayList<>(DemoCorpus.GEOS);
    g.addAll(List.of("tr", "id", "ph", "vn", "eg", "sa", "il", "nz", "at", "cz"));
    return List.copyOf(g);
  }

  private static List<String> skillNames() {
    List<String> s = new ArrayList<>(DemoCorpus.SKILLS);
    for (int i = s.size(); i < SKILLS; i++) {
      s.add(String.format(java.util.Locale.ROOT, "skill-%03d", i));
    }
    return List.copyOf(s);
  }
}
