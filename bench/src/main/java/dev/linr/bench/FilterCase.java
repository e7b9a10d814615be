package dev.linr.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One pass rate of the filtered benchmark: items carry an int {@code bucket} in [0, {@value
 * #BUCKETS}), each value equally often, and {@code bucket < threshold} passes exactly {@code
 * threshold / BUCKETS} of them.
 *
 * @param passRate the fraction of items that pass (0..1)
 * @param threshold the exclusive upper bound on {@code bucket}
 */
record FilterCase(double passRate, int threshold) {
  static final int BUCKETS = 10_000;

  /** 100%, 10%, 1%, 0.1%, 0.01%. */
  static final List<FilterCase> ALL = List.of(of(1.0), of(0.1), of(0.01), of(0.001), of(0.0001));

  static FilterCase of(double passRate) {
    return new FilterCase(passRate, (int) Math.round(passRate * BUCKETS));
  }

  /** linr's filter string. */
  String linrFilter() {
    return "bucket < " + threshold;
  }

  boolean passes(int bucket) {
    return bucket < threshold;
  }

  /**
   * A filter with the same pass rate whose passing buckets depend on {@code query}: {@code bucket
   * >= o AND bucket < o + threshold} for an offset o drawn uniformly for each query (seeded by it),
   * as independent users' filters would be: a batch of such queries has as many different filters
   * as queries, overlapping only by chance.
   */
  String filterFor(int query) {
    int offset = new SplittableRandom(query).nextInt(BUCKETS - threshold + 1);
    return "bucket >= " + offset + " AND bucket < " + (offset + threshold);
  }

  /** "10%", "0.01%". */
  String label() {
    return String.format(
        Locale.ROOT,
        "%s%%",
        new java.math.BigDecimal(passRate * 100)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString());
  }
}
