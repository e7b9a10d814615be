package dev.linr.filter;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of random filter trees over a schema, for property tests (compiled index
 * programs against {@link FilterEvaluator}, round trips through the string and JSON forms). Every
 * tree it makes passes {@link FilterValidator#validate} against the schema. Not thread-safe; the
 * same schema, pools and seed give the same sequence of trees.
 *
 * <p>Leaves use every operator that fits the attribute type: {@code =}/{@code IN}, {@code
 * !=}/{@code NOT IN}, {@code ALL}, {@code EXISTS}, and on int and float attributes one- and
 * two-sided ranges with inclusive and exclusive bounds (empty ranges included). Values come from
 * the pools; numbers are sometimes varied to exercise the awkward cases: a float literal on an int
 * attribute (the value itself as {@code x.0}, or {@code x ± 0.5}), an int literal on a float
 * attribute, the next double above or below a float value. Put values never seen at build time into
 * a pool to test that they match nothing.
 */
public final class RandomFilters {
  private final Random random;
  private final List<AttributeSpec> attributes;
  private final Map<String, List<Literal>> pools = new HashMap<>();

  /**
   * @param schema the attributes to filter on (at least one)
   * @param valuePools literals per attribute name, of the attribute's type (numbers of either kind
   *     for int and float attributes); an attribute without a pool gets a small default one ({@code
   *     'v0'..'v4'}, {@code 0..9}, {@code 0.0..1.0}, {@code true/false})
   * @param seed the random seed
   * @throws IllegalArgumentException for a schema without attributes, or a pool of an unknown
   *     attribute or with a literal of the wrong type
   */
  public RandomFilters(IndexSchema schema, Map<String, List<Literal>> valuePools, long seed) {
    this.random = new Random(seed);
    this.attributes = schema.attributes();
    if (attributes.isEmpty()) {
      throw new IllegalArgumentException("the schema has no attributes to filter on");
    }
    for (Map.Entry<String, List<Literal>> e : valuePools.entrySet()) {
      if (schema.attribute(e.getKey()).isEmpty()) {
        throw new IllegalArgumentException("value pool for unknown attribute '" + e.getKey() + "'");
      }
    }
    for (AttributeSpec a : attributes) {
      List<Literal> pool = valuePools.getOrDefault(a.name(), List.of());
      pool = pool.isEmpty() ? defaultPool(a.type()) : List.copyOf(pool);
      // The validator's type rules; an exception names the attribute and the literal.
      FilterValidator.validate(new Filter.In(a.name(), pool), schema);
      pools.put(a.name(), pool);
    }
  }

  /**
   * The next random filter.
   *
   * @param maxDepth how many levels of AND, OR and NOT may stand above a leaf; 0 gives a leaf
   */
  public Filter next(int maxDepth) {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth);
    }
    if (maxDepth == 0) {
      return leaf();
    }
    int r = random.nextInt(100);
    if (r < 30) {
      return leaf();
    }
    if (r < 80) {
      int n = 2 + random.nextInt(3);
      List<Filter> children = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        children.add(next(maxDepth - 1));
      }
      return r < 55 ? Filter.and(children) : Filter.or(children);
    }
    return new Filter.Not(next(maxDepth - 1));
  }

  private Filter leaf() {
    AttributeSpec a = attributes.get(random.nextInt(attributes.size()));
    boolean numeric = a.type() == AttributeType.INT || a.type() == AttributeType.FLOAT;
    int r = random.nextInt(numeric ? 100 : 70);
    String name = a.name();
    if (r < 8) {
      return new Filter.Exists(name);
    }
    if (r < 35) {
      return new Filter.In(name, values(a));
    }
    if (r < 55) {
      return new Filter.NotIn(name, values(a));
    }
    if (r < 70) {
      return new Filter.AllOf(name, values(a));
    }
    Literal lo = value(a);
    Literal hi = value(a);
    Integer order = FilterEvaluator.compare(lo.boxed(), hi);
    if (random.nextInt(10) > 0 && order != null && order > 0) {
      Literal t = lo; // mostly non-empty ranges; sometimes lower > upper
      lo = hi;
      hi = t;
    }
    switch (random.nextInt(4)) {
      case 0:
        return Filter.Range.atLeast(name, lo, random.nextBoolean());
      case 1:
        return Filter.Range.atMost(name, hi, random.nextBoolean());
      case 2:
        return Filter.Range.between(name, lo, hi);
      default:
        return new Filter.Range(name, lo, random.nextBoolean(), hi, random.nextBoolean());
    }
  }

  /** One value (mostly) or a few, possibly repeated. */
  private List<Literal> values(AttributeSpec a) {
    int n = random.nextInt(2) == 0 ? 1 : 2 + random.nextInt(3);
    List<Literal> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value(a));
    }
    return out;
  }

  private Literal value(AttributeSpec a) {
    List<Literal> pool = pools.get(a.name());
    Literal v = pool.get(random.nextInt(pool.size()));
    if (random.nextInt(100) >= 20) {
      return v;
    }
    if (a.type() == AttributeType.INT) {
      double d = v instanceof Literal.Int i ? (double) i.value() : ((Literal.Float) v).value();
      switch (random.nextInt(3)) {
        case 0:
          return new Literal.Float(d);
        case 1:
          return new Literal.Float(d + 0.5);
        default:
          return new Literal.Float(d - 0.5);
      }
    }
    if (a.type() == AttributeType.FLOAT) {
      double d = v instanceof Literal.Int i ? (double) i.value() : ((Literal.Float) v).value();
      switch (random.nextInt(3)) {
        case 0:
          return new Literal.Int((long) Math.rint(d)); // saturates far out of range
        case 1:
          return Double.isFinite(Math.nextUp(d)) ? new Literal.Float(Math.nextUp(d)) : v;
        default:
          return Double.isFinite(Math.nextDown(d)) ? new Literal.Float(Math.nextDown(d)) : v;
      }
    }
    return v;
  }

  private static List<Literal> defaultPool(AttributeType type) {
    List<Literal> pool = new ArrayList<>();
    switch (type) {
      case STRING:
        for (int i = 0; i < 5; i++) {
          pool.add(new Literal.Str("v" + i));
        }
        break;
      case INT:
        for (int i = 0; i < 10; i++) {
          pool.add(new Literal.Int(i));
        }
        break;
      case FLOAT:
        for (int i = 0; i <= 10; i++) {
          pool.add(new Literal.Float(i / 10.0));
        }
        break;
      default:
        pool.add(new Literal.Bool(true));
        pool.add(new Literal.Bool(false));
        break;
    }
    return pool;
  }
}
