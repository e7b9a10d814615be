package dev.linr.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and normalises the loosely typed values of hit attributes and response stats. */
final class Values {
  private Values() {}

  /**
   * A scalar as stored: String, Boolean, Long (from any integral box) or Double (finite; a Float is
   * widened through its decimal form so that 0.93f stays 0.93).
   *
   * @param what names the value in error messages, e.g. {@code attribute 'geo'}
   */
  static Object scalar(Object v, String what, String valid) {
    if (v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double d) {
      return finite(d, what);
    }
    if (v instanceof Float f) {
      return finite(Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f, what);
    }
    if (v == null) {
      throw new IllegalArgumentException(what + " must not be null; leave it out instead");
    }
    throw new IllegalArgumentException(
        what + " has a value of type " + v.getClass().getName() + "; valid: " + valid);
  }

  private static Double finite(double d, String what) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(what + " is " + d + "; JSON numbers must be finite");
    }
    return d;
  }

  /** Attribute values: scalars, or (multi-valued) a collection of scalars copied to a List. */
  static Map<String, Object> attributes(Map<String, ?> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("attribute names must not be null or empty");
      }
      String what = "attribute '" + name + "'";
      String valid = "String, Long, Double, Boolean or a List of them";
      Object v = e.getValue();
      if (v instanceof Collection<?> c) {
        List<Object> list = new ArrayList<>(c.size());
        int i = 0;
        for (Object x : c) {
          list.add(scalar(x, what + " value " + i++, "String, Long, Double or Boolean"));
        }
        out.put(name, Collections.unmodifiableList(list));
      } else {
        out.put(name, scalar(v, what, valid));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Stats values: scalars only. */
  static Map<String, Object> stats(Map<String, ?> stats) {
    if (stats == null || stats.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : stats.entrySet()) {
      out.put(statName(e.getKey()), stat(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  static String statName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("stat names must not be null or empty");
    }
    return name;
  }

  static Object stat(String name, Object value) {
    return scalar(value, "stat '" + name + "'", "String, Long, Double or Boolean");
  }
}
