package dev.linr.translate;

import java.math.BigDecimal;

/**
 * Exact conversions of numeric filter literals to the other number type of a column: a float bound
 * on an int64 column becomes the nearest int64 on the right side, and an int literal on a float64
 * column the nearest double on the right side, so no value beyond 2^53 is rounded into or out of a
 * range.
 */
final class ExactBounds {
  private static final double TWO_63 = 0x1p63;

  private ExactBounds() {}

  /** The sign of {@code d - l}, computed exactly. */
  static int compare(double d, long l) {
    return new BigDecimal(d).compareTo(BigDecimal.valueOf(l));
  }

  /** Whether {@code l} is exactly a double. */
  static boolean isExactDouble(long l) {
    return compare((double) l, l) == 0;
  }

  /** The smallest int64 {@code >= d} (or {@code > d}); null if there is none. */
  static Long longAbove(double d, boolean inclusive) {
    if (d >= TWO_63) {
      return null;
    }
    if (d < -TWO_63) {
      return Long.MIN_VALUE;
    }
    double c = Math.ceil(d);
    long candidate = (long) c;
    return !inclusive && c == d ? Long.valueOf(candidate + 1) : Long.valueOf(candidate);
  }

  /** The largest int64 {@code <= d} (or {@code < d}); null if there is none. */
  static Long longBelow(double d, boolean inclusive) {
    if (d < -TWO_63) {
      return null;
    }
    if (d >= TWO_63) {
      return Long.MAX_VALUE;
    }
    double f = Math.floor(d);
    long candidate = (long) f;
    if (!inclusive && f == d) {
      return candidate == Long.MIN_VALUE ? null : Long.valueOf(candidate - 1);
    }
    return candidate;
  }

  /** The smallest double {@code >= l} (or {@code > l}). */
  static double doubleAbove(long l, boolean inclusive) {
    double d = (double) l;
    int cmp = compare(d, l);
    return (inclusive ? cmp >= 0 : cmp > 0) ? d : Math.nextUp(d);
  }

  /** The largest double {@code <= l} (or {@code < l}). */
  static double doubleBelow(long l, boolean inclusive) {
    double d = (double) l;
    int cmp = compare(d, l);
    return (inclusive ? cmp <= 0 : cmp < 0) ? d : Math.nextDown(d);
  }
}
