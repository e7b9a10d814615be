package dev.linr.e2e.rank;

import dev.linr.rank.RankerMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded ranker MLPs whose weights and biases are multiples of 1/8, so float32 sums stay exact. */
public final class DyadicMlp {
  private DyadicMlp() {}

  /**
   * An MLP of widths {@code features, hidden..., 1} whose weights and biases are {@code m / 8} with
   * {@code m} uniform in {@code [-maxEighths, maxEighths]}, drawn layer by layer, weights before
   * biases.
   */
  public static RankerMlp eighths(int features, int[] hidden, int maxEighths, long seed) {
    int[] widths = new int[hidden.length + 2];
    widths[0] = features;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = 1;
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int i = 0; i + 1 < widths.length; i++) {
      weights.add(eighths(r, widths[i] * widths[i + 1], maxEighths));
      biases.add(eighths(r, widths[i + 1], maxEighths));
    }
    return RankerMlp.of(widths, weights, biases);
  }

  private static float[] eighths(SplittableRandom r, int count, int maxEighths) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = r.nextInt(-maxEighths, maxEighths + 1) / 8f;
    }
    return out;
  }
}
