package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.rank.RankerMlp;

/**
 * A ranker MLP computed apart from {@link RankerMlp#score}, in float64, from its published weights:
 * ReLU after every layer but the last, whose single output is the score. Thread-safe.
 */
public final class DoubleMlp {
  private DoubleMlp() {}

  /** The score of one feature row. */
  public static double score(RankerMlp mlp, double[] features) {
    return compute(mlp, features, false);
  }

  /** The score of one feature row, to prove a fixture's float32 scores carry no rounding. */
  public static double score(RankerMlp mlp, float[] features) {
    return compute(mlp, widen(features), false);
  }

  /**
   * The score of one feature row, asserting that every partial sum is a float32 value: then float32
   * arithmetic in any order gives exactly this.
   */
  public static float exactScore(RankerMlp mlp, float[] features) {
    return (float) compute(mlp, widen(features), true);
  }

  private static double[] widen(float[] features) {
    double[] x = new double[features.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = features[i];
    }
    return x;
  }

  private static double compute(RankerMlp mlp, double[] features, boolean assertFloat32Sums) {
    int[] widths = mlp.widths();
    if (features.length != widths[0]) {
      throw new IllegalArgumentException(
          "the MLP takes " + widths[0] + " features, got " + features.length);
    }
    double[] x = features;
    for (int layer = 0; layer < mlp.layers(); layer++) {
      float[] w = mlp.weights(layer);
      float[] b = mlp.biases(layer);
      int out = widths[layer + 1];
      double[] y = new double[out];
      for (int c = 0; c < out; c++) {
        double sum = b[c];
        for (int r = 0; r < x.length; r++) {
          sum += x[r] * w[r * out + c];
          if (assertFloat32Sums) {
            assertEquals(sum, (double) (float) sum, "a partial sum is not a float32 value");
          }
        }
        y[c] = layer + 1 < mlp.layers() ? Math.max(sum, 0) : sum;
      }
      x = y;
    }
    return x[0];
  }
}
