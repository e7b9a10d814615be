package dev.linr.filter;

import java.util.List;
import java.util.Map;

/**
 * The reference semantics of filters, in plain Java: what the compiled index program must agree
 * with.
 *
 * <p>An item is a map from attribute name to its values: String, Long, Double or Boolean (Integer,
 * Short and Byte count as Long, java.lang.Float as Double). A missing key, a null list or an empty
 * list is a missing attribute; null elements are ignored. Rules:
 *
 * <ul>
 *   <li>{@code In}: the item has some value equal to some listed value;
 *   <li>{@code NotIn}: the item has the attribute and no value equal to a listed value;
 *   <li>{@code AllOf}: the item has the attribute and every listed value equals some value of it;
 *   <li>{@code Range}: some value is a number within the bounds;
 *   <li>{@code Exists}: the attribute is present; {@code Not}, {@code And}, {@code Or}: logical.
 * </ul>
 *
 * <p>Equality: strings and booleans by value; numbers numerically and exactly, across Long and
 * Double ({@code 2 = 2.0}, while {@code 2^53 + 1} is not {@code 2^53} as a double); a string never
 * equals a number or a boolean. NaN values equal nothing and lie in no range; {@code -0.0 = 0.0}.
 */
public final class FilterEvaluator {
  private FilterEvaluator() {}

  /** Whether an item with these attribute values passes the filter. */
  public static boolean matches(Filter filter, Map<String, ? extends List<?>> attributes) {
    if (filter instanceof Filter.All) {
      return true;
    }
    if (filter instanceof Filter.None) {
      return false;
    }
    if (filter instanceof Filter.And and) {
      for (Filter c : and.children()) {
        if (!matches(c, attributes)) {
          return false;
        }
      }
      return true;
    }
    if (filter instanceof Filter.Or or) {
      for (Filter c : or.children()) {
        if (matches(c, attributes)) {
          return true;
        }
      }
      return false;
    }
    if (filter instanceof Filter.Not not) {
      return !matches(not.child(), attributes);
    }
    if (filter instanceof Filter.In in) {
      List<?> values = values(attributes, in.attribute());
      for (Object v : values) {
        if (v != null && containsEqual(in.values(), v)) {
          return true;
        }
      }
      return false;
    }
    if (filter instanceof Filter.NotIn notIn) {
      List<?> values = values(attributes, notIn.attribute());
      if (!present(values)) {
        return false;
      }
      for (Object v : values) {
        if (v != null && containsEqual(notIn.values(), v)) {
          return false;
        }
      }
      return true;
    }
    if (filter instanceof Filter.AllOf all) {
      List<?> values = values(attributes, all.attribute());
      if (!present(values)) {
        return false;
      }
      for (Literal l : all.values()) {
        boolean found = false;
        for (Object v : values) {
          if (v != null && equal(l, v)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    if (filter instanceof Filter.Range r) {
      for (Object v : values(attributes, r.attribute())) {
        if (v != null && inRange(r, v)) {
          return true;
        }
      }
      return false;
    }
    if (filter instanceof Filter.Exists e) {
      return present(values(attributes, e.attribute()));
    }
    throw new IllegalStateException("unknown filter node " + filter.getClass());
  }

  /** Whether a literal equals an attribute value (see the class comment). */
  public static boolean equal(Literal literal, Object value) {
    Object v = normalise(value);
    if (literal instanceof Literal.Str s) {
      return v instanceof String && s.value().equals(v);
    }
    if (literal instanceof Literal.Bool b) {
      return v instanceof Boolean && b.value() == (Boolean) v;
    }
    if (!(v instanceof Long) && !(v instanceof Double)) {
      return false;
    }
    Integer c = compare(v, literal);
    return c != null && c == 0;
  }

  /**
   * Compares two numbers exactly: a Long or Double attribute value with an Int or Float literal.
   *
   * @return negative, zero or positive, or null when unordered (a NaN or a non-number)
   */
  static Integer compare(Object value, Literal literal) {
    Object v = normalise(value);
    if (literal instanceof Literal.Int i) {
      if (v instanceof Long l) {
        return Long.compare(l, i.value());
      }
      if (v instanceof Double d) {
        Integer c = compare(i.value(), d);
        return c == null ? null : -c;
      }
      return null;
    }
    if (literal instanceof Literal.Float f) {
      if (v instanceof Long l) {
        return compare(l, f.value());
      }
      if (v instanceof Double d) {
        if (Double.isNaN(d)) {
          return null;
        }
        return d < f.value() ? -1 : d > f.value() ? 1 : 0; // -0.0 == 0.0
      }
    }
    return null;
  }

  /** Compares a long with a double exactly; null if the double is NaN. */
  static Integer compare(long a, double b) {
    if (Double.isNaN(b)) {
      return null;
    }
    if (b >= 0x1p63) {
      return -1;
    }
    if (b < -0x1p63) {
      return 1;
    }
    long whole = (long) b; // truncated toward zero; exact since |b| < 2^63
    if (a != whole) {
      return a < whole ? -1 : 1;
    }
    double fraction = b - (double) whole; // exact: whole is b's integer part, representable
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
  }

  private static boolean inRange(Filter.Range r, Object value) {
    if (r.lower() != null) {
      Integer c = compare(value, r.lower());
      if (c == null || c < 0 || (c == 0 && !r.lowerInclusive())) {
        return false;
      }
    }
    if (r.upper() != null) {
      Integer c = compare(value, r.upper());
      if (c == null || c > 0 || (c == 0 && !r.upperInclusive())) {
        return false;
      }
    }
    return true; // a range has a bound, so a non-number failed above
  }

  private static boolean containsEqual(List<Literal> literals, Object value) {
    for (Literal l : literals) {
      if (equal(l, value)) {
        return true;
      }
    }
    return false;
  }

  private static List<?> values(Map<String, ? extends List<?>> attributes, String name) {
    List<?> values = attributes.get(name);
    return values == null ? List.of() : values;
  }

  private static boolean present(List<?> values) {
    for (Object v : values) {
      if (v != null) {
        return true;
      }
    }
    return false;
  }

  private static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.lang.Float f) {
      return f.doubleValue();
    }
    if (v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Double
        || v instanceof Boolean) {
      return v;
    }
    throw new IllegalArgumentException(
        "attribute values must be String, Long, Double or Boolean, got " + v.getClass().getName());
  }
}
