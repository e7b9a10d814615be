package dev.linr.e2e;

import dev.linr.filter.Literal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A corpus with attributes of every type and encoding: low-cardinality strings and bools (bitsets,
 * single- and multi-valued), high-cardinality strings ({@code author}: 200 values, dictionary
 * codes; {@code tags}: 100 values, multi-valued lists), ints and floats single- and multi-valued,
 * some missing on some items, plus {@code rank} (the slot) for filters that pass an exact number of
 * items.
 */
public final class FilterCorpus {
  static final String[] GEOS = {"us", "ca", "de", "in", "br", "fr", "jp"};
  static final String[] SKILLS = {"java", "ml", "sql", "go", "rust", "kafka", "spark", "react"};

  private FilterCorpus() {}

  public static TestCorpus create(long seed, int count, int dimension) {
    Random r = new Random(seed);
    TestCorpus c = new TestCorpus(dimension);
    for (int i = 0; i < count; i++) {
      Map<String, Object> a = new LinkedHashMap<>();
      if (r.nextInt(10) != 0) {
        a.put("geo", GEOS[Math.min(GEOS.length - 1, (int) Math.abs(r.nextGaussian() * 2))]);
      }
      if (r.nextInt(20) != 0) {
        a.put("company", (long) (1000 + r.nextInt(50)));
      }
      a.put("posted_at", 1_764_000_000L + r.nextInt(1_000_000));
      if (r.nextInt(20) != 0) {
        a.put("quality", Math.round(r.nextDouble() * 1000) / 1000.0);
      }
      if (r.nextInt(10) != 0) {
        a.put("sponsored", r.nextInt(5) == 0);
      }
      a.put("skills", pick(r, SKILLS, 4));
      List<Long> levels = new ArrayList<>();
      for (int j = r.nextInt(4); j > 0; j--) {
        levels.add((long) r.nextInt(10));
      }
      a.put("levels", levels);
      List<Double> weights = new ArrayList<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        weights.add(Math.round(r.nextDouble() * 100) / 100.0);
      }
      a.put("weights", weights);
      List<Boolean> answers = new ArrayList<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        answers.add(r.nextBoolean());
      }
      a.put("answers", answers);
      a.put("rank", (long) i);
      if (r.nextInt(8) != 0) {
        a.put("author", "author-" + r.nextInt(200));
      }
      List<String> tags = new ArrayList<>();
      for (int j = r.nextInt(4); j > 0; j--) {
        String t = "tag-" + r.nextInt(100);
        if (!tags.contains(t)) {
          tags.add(t);
        }
      }
      a.put("tags", tags);
      a.values().removeIf(v -> v instanceof List<?> l && l.isEmpty());
      c.add((long) i + 1, TestCorpus.gaussianVector(r, dimension), a);
    }
    return c;
  }

  private static List<String> pick(Random r, String[] from, int max) {
    List<String> out = new ArrayList<>();
    for (int j = r.nextInt(max + 1); j > 0; j--) {
      String s = from[r.nextInt(from.length)];
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Literal pools for random filters, with values no item holds. */
  public static Map<String, List<Literal>> pools() {
    Map<String, List<Literal>> p = new LinkedHashMap<>();
    List<Literal> geos = new ArrayList<>();
    for (String g : GEOS) {
      geos.add(new Literal.Str(g));
    }
    geos.add(new Literal.Str("zz"));
    p.put("geo", geos);
    List<Literal> skills = new ArrayList<>();
    for (String s : SKILLS) {
      skills.add(new Literal.Str(s));
    }
    skills.add(new Literal.Str("cobol"));
    p.put("skills", skills);
    p.put(
        "company",
        List.of(
            new Literal.Int(1000),
            new Literal.Int(1007),
            new Literal.Int(1025),
            new Literal.Int(1049),
            new Literal.Int(2000),
            new Literal.Float(1010.0),
            new Literal.Float(1010.5)));
    p.put(
        "posted_at",
        List.of(
            new Literal.Int(1_764_000_000L),
            new Literal.Int(1_764_250_000L),
            new Literal.Int(1_764_500_000L),
            new Literal.Int(1_764_999_999L),
            new Literal.Float(1_764_400_000.5)));
    p.put(
        "quality",
        List.of(
            new Literal.Float(0.0),
            new Literal.Float(0.25),
            new Literal.Float(0.5),
            new Literal.Float(0.999),
            new Literal.Int(1),
            new Literal.Float(0.123)));
    p.put(
        "levels",
        List.of(new Literal.Int(0), new Literal.Int(3), new Literal.Int(7), new Literal.Int(12)));
    p.put(
        "weights",
        List.of(new Literal.Float(0.1), new Literal.Float(0.5), new Literal.Float(0.99)));
    p.put("rank", List.of(new Literal.Int(0), new Literal.Int(100), new Literal.Int(1500)));
    List<Literal> authors = new ArrayList<>();
    for (int i = 0; i < 200; i += 7) {
      authors.add(new Literal.Str("author-" + i));
    }
    authors.add(new Literal.Str("author-unknown"));
    p.put("author", authors);
    List<Literal> tags = new ArrayList<>();
    for (int i = 0; i < 100; i += 3) {
      tags.add(new Literal.Str("tag-" + i));
    }
    tags.add(new Literal.Str("tag-unknown"));
    p.put("tags", tags);
    return p;
  }

  /** The item's attributes as lists, the form the reference evaluator takes. */
  public static Map<String, List<Object>> asLists(Map<String, Object> attributes) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    attributes.forEach(
        (k, v) -> out.put(k, v instanceof List<?> l ? new ArrayList<>(l) : List.of(v)));
    return out;
  }
}
