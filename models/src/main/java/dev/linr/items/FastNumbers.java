package dev.linr.items;

/**
 * Exact conversions of decimal numbers, already split into a significand and a power of ten, to
 * float and double: the same values {@link Float#parseFloat} and {@link Double#parseDouble} give,
 * or NaN when the fast method cannot be sure and the caller must parse the text itself.
 */
final class FastNumbers {
  /** Exact powers of ten: 10^22 is the largest a double holds exactly. */
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Significant digits a significand may hold: 10^18 - 1 fits a long. */
  static final int MAX_DIGITS = 18;

  private FastNumbers() {}

  /**
   * The float nearest to {@code m * 10^e10} (m positive, possibly truncated from more digits, so
   * that the true value lies in {@code [m, m + 1) * 10^e10}), or NaN when it cannot be decided
   * here.
   *
   * <p>The double computed below is within a few units in the last place of the true value (at most
   * three roundings, plus a truncation of relative size below 10^-17). Every float and every
   * midpoint between adjacent floats is a double; if the double is more than 64 units away from any
   * midpoint, the true value lies on the same side of every midpoint, so rounding the double to
   * float gives the correctly rounded float of the true value. Near a midpoint, or outside the
   * range of normal floats, the answer is NaN.
   */
  static float toFloat(long m, int e10) {
    if (e10 < -44 || e10 > 44) {
      return Float.NaN;
    }
    double d = m;
    if (e10 < 0) {
      int k = -e10;
      if (k > 22) {
        d /= 1e22;
        k -= 22;
      }
      d /= POW10[k];
    } else if (e10 > 0) {
      int k = e10;
      if (k > 22) {
        d *= 1e22;
        k -= 22;
      }
      d *= POW10[k];
    }
    long bits = Double.doubleToRawLongBits(d);
    int exponent = (int) (bits >>> 52); // d is positive
    // 2^-125 <= d < 2^127: the nearest float is normal and finite
    if (exponent < 1023 - 125 || exponent > 1023 + 126) {
      return Float.NaN;
    }
    // the 29 bits a float lacks; a midpoint between floats has exactly the top one of them set
    int low = (int) bits & 0x1FFFFFFF;
    int fromMidpoint = low - 0x10000000;
    if (fromMidpoint >= -64 && fromMidpoint <= 64) {
      return Float.NaN;
    }
    return (float) d;
  }

  /**
   * The double {@code m * 10^e10} when both m and the power of ten are exact doubles (Clinger's
   * fast path: one correctly rounded operation), else NaN.
   *
   * @param truncated whether digits other than zeros were dropped from m
   */
  static double toDouble(long m, int e10, boolean truncated) {
    if (truncated || m > (1L << 53) || e10 < -22 || e10 > 22) {
      return Double.NaN;
    }
    double d = m;
    return e10 < 0 ? d / POW10[-e10] : d * POW10[e10];
  }
}
