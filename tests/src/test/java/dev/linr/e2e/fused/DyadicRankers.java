package dev.linr.e2e.fused;

import dev.linr.e2e.rank.DyadicMlp;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;

/** Rankers whose weights and biases are multiples of 1/8 in [-1/2, 1/2]. */
final class DyadicRankers {
  private DyadicRankers() {}

  static RankerDefinition of(int dimension, RankerFeatures features, int[] hidden, long seed) {
    return new RankerDefinition(
        dimension, features, DyadicMlp.eighths(features.width(dimension), hidden, 4, seed));
  }
}
