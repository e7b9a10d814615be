package dev.linr.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An exact Zipf distribution over ranks 0..n-1: rank i has probability {@code (i + 1)^-s / H}, H
 * the sum over all ranks. Samples by binary search in the cumulative table.
 */
final class Zipf {
  private final double[] cumulative;
  private final double total;
  private final double s;

  Zipf(int n, double s) {
    if (n < 1 || !(s > 0)) {
      throw new IllegalArgumentException("Zipf needs n >= 1 and s > 0, got n=" + n + ", s=" + s);
    }
    this.s = s;
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.pow(i + 1, -s);
      cumulative[i] = sum;
    }
    total = sum;
  }

  /** A rank drawn from {@code r}. */
  int sample(SplittableRandom r) {
    double u = r.nextDouble() * total;
    int i = Arrays.binarySearch(cumulative, u);
    int rank = i >= 0 ? i + 1 : -i - 1;
    return Math.min(rank, cumulative.length - 1);
  }

  /** The probability of {@code rank}. */
  double probability(int rank) {
    return Math.pow(rank + 1, -s) / total;
  }

  /** The most probable rank whose probability is at most {@code p} (the last rank if none is). */
  int rankWithProbabilityAtMost(double p) {
    for (int rank = 0; rank < cumulative.length; rank++) {
      if (probability(rank) <= p) {
        return rank;
      }
    }
    return cumulative.length - 1;
  }
}
