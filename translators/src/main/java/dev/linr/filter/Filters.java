package dev.linr.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Short ways to build filters in code, and LiNR's clause form: a conjunction of clauses, each an OR
 * of values of one attribute, possibly negated.
 *
 * <pre>{@code
 * Filters.clauses(
 *     Filters.clause("geo", "us", "ca"),
 *     Filters.clause("skills", "java"),
 *     Filters.notClause("company", 12L))
 * // equals FilterParser.parse("(geo IN ('us','ca')) AND (skills IN ('java')) AND NOT (company IN (12))")
 * }</pre>
 *
 * Values are String, Long (or Integer), Double or Boolean, or {@link Literal}s.
 */
public final class Filters {
  private Filters() {}

  /** One clause: {@code attribute IN (values)}, or its logical negation when {@code negated}. */
  public record Clause(String attribute, List<Literal> values, boolean negated) {
    public Clause {
      Objects.requireNonNull(attribute, "attribute");
      values = List.copyOf(values);
    }

    /** The clause as a filter: {@code In}, or {@code Not(In)} when negated. */
    public Filter toFilter() {
      Filter in = new Filter.In(attribute, values);
      return negated ? new Filter.Not(in) : in;
    }
  }

  /** A clause that holds when the attribute has any of the values. */
  public static Clause clause(String attribute, Object... values) {
    return new Clause(attribute, literals(values), false);
  }

  /**
   * A negated clause: {@code NOT (attribute IN (values))}, true also for items without the
   * attribute.
   */
  public static Clause notClause(String attribute, Object... values) {
    return new Clause(attribute, literals(values), true);
  }

  /** The AND of the clauses ({@link Filter#ALL} for none). */
  public static Filter clauses(Clause... clauses) {
    return clauses(List.of(clauses));
  }

  /** The AND of the clauses ({@link Filter#ALL} for none). */
  public static Filter clauses(List<Clause> clauses) {
    List<Filter> filters = new ArrayList<>(clauses.size());
    for (Clause c : clauses) {
      filters.add(c.toFilter());
    }
    return Filter.and(filters);
  }

  /** {@code attribute = value}. */
  public static Filter eq(String attribute, Object value) {
    return new Filter.In(attribute, List.of(Literal.of(value)));
  }

  /** {@code attribute != value}: has the attribute and no value equal to it. */
  public static Filter ne(String attribute, Object value) {
    return new Filter.NotIn(attribute, List.of(Literal.of(value)));
  }

  /** {@code attribute IN (values)}. */
  public static Filter in(String attribute, Object... values) {
    return new Filter.In(attribute, literals(values));
  }

  /** {@code attribute NOT IN (values)}: has the attribute and no value in the set. */
  public static Filter notIn(String attribute, Object... values) {
    return new Filter.NotIn(attribute, literals(values));
  }

  /** {@code attribute ALL (values)}: has every one of the values. */
  public static Filter allOf(String attribute, Object... values) {
    return new Filter.AllOf(attribute, literals(values));
  }

  /** {@code attribute > value}. */
  public static Filter gt(String attribute, Number value) {
    return Filter.Range.atLeast(attribute, Literal.of(value), false);
  }

  /** {@code attribute >= value}. */
  public static Filter ge(String attribute, Number value) {
    return Filter.Range.atLeast(attribute, Literal.of(value), true);
  }

  /** {@code attribute < value}. */
  public static Filter lt(String attribute, Number value) {
    return Filter.Range.atMost(attribute, Literal.of(value), false);
  }

  /** {@code attribute <= value}. */
  public static Filter le(String attribute, Number value) {
    return Filter.Range.atMost(attribute, Literal.of(value), true);
  }

  /** {@code attribute BETWEEN low AND high} (inclusive). */
  public static Filter between(String attribute, Number low, Number high) {
    return Filter.Range.between(attribute, Literal.of(low), Literal.of(high));
  }

  /** {@code EXISTS(attribute)}. */
  public static Filter exists(String attribute) {
    return new Filter.Exists(attribute);
  }

  private static List<Literal> literals(Object... values) {
    List<Literal> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(Literal.of(v));
    }
    return out;
  }
}
