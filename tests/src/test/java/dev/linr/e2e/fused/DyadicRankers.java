package dev.linr.e2e.fused;

import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Rankers whose weights and biases are multiples of 1/8 in [-1/2, 1/2]. */
final class DyadicRankers {
  private DyadicRankers() {}

  static RankerDefinition of(int dimension, RankerFeatures features, int[] hidden, long seed) {
    int[] widths = new int[hidden.length + 2];
    widths[0] = features.width(dimension);
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = 1;
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int i = 0; i + 1 < widths.length; i++) {
      weights.add(eighths(r, widths[i] * widths[i + 1]));
      biases.add(eighths(r, widths[i + 1]));
    }
    return new RankerDefinition(dimension, features, RankerMlp.of(widths, weights, biases));
  }

  private static float[] eighths(SplittableRandom r, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = r.nextInt(-4, 5) / 8f;
    }
    return out;
  }
}
