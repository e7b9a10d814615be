package dev.linr.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An attribute filter: an immutable tree, never null ({@link #ALL} matches everything, {@link
 * #NONE} nothing). {@link #toString()} is the canonical string form, which {@link
 * FilterParser#parse(String)} reads back to an equal tree.
 *
 * <p>Invariants the constructors enforce: {@link And} and {@link Or} have at least two children and
 * are flattened (an {@code And} never holds an {@code And}, an {@code Or} never an {@code Or});
 * membership tests have at least one value; {@link Range} bounds are {@link Literal.Int} or {@link
 * Literal.Float}, at least one is present, and a missing bound is not inclusive; attribute names
 * are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}). Lists are unmodifiable copies.
 *
 * <p>Semantics (see {@link FilterEvaluator}): a multi-valued attribute matches when any value
 * matches, except {@link AllOf}, which needs every listed value; an item without the attribute
 * fails {@link In}, {@link NotIn}, {@link AllOf}, {@link Range} and {@link Exists} on it, and so
 * passes {@link Not} of any of them.
 */
public sealed interface Filter
    permits Filter.All,
        Filter.None,
        Filter.And,
        Filter.Or,
        Filter.Not,
        Filter.In,
        Filter.NotIn,
        Filter.AllOf,
        Filter.Range,
        Filter.Exists {

  /** Matches every item; string form {@code TRUE}. */
  Filter ALL = new All();

  /** Matches no item; string form {@code FALSE}. */
  Filter NONE = new None();

  /** The conjunction: {@link #ALL} for no filters, the filter itself for one, else a flat And. */
  static Filter and(List<? extends Filter> filters) {
    return filters.size() == 0
        ? ALL
        : filters.size() == 1
            ? Objects.requireNonNull(filters.get(0))
            : new And(List.<Filter>copyOf(filters));
  }

  /** The conjunction: {@link #ALL} for no filters, the filter itself for one, else a flat And. */
  static Filter and(Filter... filters) {
    return and(List.of(filters));
  }

  /** The disjunction: {@link #NONE} for no filters, the filter itself for one, else a flat Or. */
  static Filter or(List<? extends Filter> filters) {
    return filters.size() == 0
        ? NONE
        : filters.size() == 1
            ? Objects.requireNonNull(filters.get(0))
            : new Or(List.<Filter>copyOf(filters));
  }

  /** The disjunction: {@link #NONE} for no filters, the filter itself for one, else a flat Or. */
  static Filter or(Filter... filters) {
    return or(List.of(filters));
  }

  /** The logical negation (true for items without the attribute of a negated predicate). */
  static Filter not(Filter filter) {
    return new Not(filter);
  }

  /** Matches everything. */
  record All() implements Filter {
    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /** Matches nothing. */
  record None() implements Filter {
    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /** All children match. At least two children; nested Ands are flattened into this one. */
  record And(List<Filter> children) implements Filter {
    public And {
      children = flatten(children, And.class, "And");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /** Some child matches. At least two children; nested Ors are flattened into this one. */
  record Or(List<Filter> children) implements Filter {
    public Or {
      children = flatten(children, Or.class, "Or");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /** The child does not match (true for items without the child's attribute). */
  record Not(Filter child) implements Filter {
    public Not {
      Objects.requireNonNull(child, "child");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /**
   * The item has the attribute and some value of it equals some listed value ({@code =} is In with
   * one value).
   */
  record In(String attribute, List<Literal> values) implements Filter {
    public In {
      checkAttribute(attribute);
      values = checkValues(values, "In");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /**
   * The item has the attribute and no value of it equals a listed value ({@code !=} is NotIn with
   * one value).
   */
  record NotIn(String attribute, List<Literal> values) implements Filter {
    public NotIn {
      checkAttribute(attribute);
      values = checkValues(values, "NotIn");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /** The item has the attribute and every listed value equals some value of it. */
  record AllOf(String attribute, List<Literal> values) implements Filter {
    public AllOf {
      checkAttribute(attribute);
      values = checkValues(values, "AllOf");
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  /**
   * The item has the attribute and some value of it lies between the bounds. A null bound is
   * unbounded (and its inclusive flag is normalised to false); bounds are Int or Float literals.
   */
  record Range(
      String attribute,
      Literal lower,
      boolean lowerInclusive,
      Literal upper,
      boolean upperInclusive)
      implements Filter {
    public Range {
      checkAttribute(attribute);
      if (lower == null && upper == null) {
        throw new IllegalArgumentException("a range on '" + attribute + "' needs a bound");
      }
      checkBound(lower);
      checkBound(upper);
      lowerInclusive &= lower != null;
      upperInclusive &= upper != null;
    }

    /** {@code attribute > value} or {@code >=}. */
    public static Range atLeast(String attribute, Literal lower, boolean inclusive) {
      return new Range(attribute, lower, inclusive, null, false);
    }

    /** {@code attribute < value} or {@code <=}. */
    public static Range atMost(String attribute, Literal upper, boolean inclusive) {
      return new Range(attribute, null, false, upper, inclusive);
    }

    /** {@code attribute BETWEEN lower AND upper} (inclusive). */
    public static Range between(String attribute, Literal lower, Literal upper) {
      return new Range(
          attribute, Objects.requireNonNull(lower), true, Objects.requireNonNull(upper), true);
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }

    private static void checkBound(Literal bound) {
      if (bound != null && !bound.isNumber()) {
        throw new IllegalArgumentException(
            "a range bound must be an int or float literal, got " + bound.typeName() + " " + bound);
      }
    }
  }

  /** The item has the attribute (a non-empty list of values). */
  record Exists(String attribute) implements Filter {
    public Exists {
      checkAttribute(attribute);
    }

    @Override
    public String toString() {
      return FilterFormat.format(this);
    }
  }

  private static void checkAttribute(String attribute) {
    Objects.requireNonNull(attribute, "attribute");
    if (!FilterFormat.IDENTIFIER.matcher(attribute).matches()) {
      throw new IllegalArgumentException(
          "attribute name '"
              + attribute
              + "' is invalid: use a letter or underscore, then letters, digits or underscores");
    }
  }

  private static List<Literal> checkValues(List<Literal> values, String node) {
    List<Literal> copy = List.copyOf(values); // rejects nulls
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(node + " needs at least one value");
    }
    return copy;
  }

  private static List<Filter> flatten(
      List<Filter> children, Class<? extends Filter> type, String node) {
    List<Filter> flat = new ArrayList<>(children.size());
    for (Filter c : children) {
      Objects.requireNonNull(c, "child");
      if (type.isInstance(c)) {
        flat.addAll(type == And.class ? ((And) c).children() : ((Or) c).children());
      } else {
        flat.add(c);
      }
    }
    if (flat.size() < 2) {
      throw new IllegalArgumentException(
          node + " needs at least two children, got " + flat.size() + "; use Filter.and/or");
    }
    return List.copyOf(flat);
  }
}
