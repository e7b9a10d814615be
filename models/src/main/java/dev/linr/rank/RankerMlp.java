package dev.linr.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron that scores one candidate from its features: {@code x_{i+1} = relu(x_i
 * W_i + b_i)} for every layer but the last, which has no ReLU and one output, the score. Immutable
 * and thread-safe; arrays are copied in and out.
 *
 * <p>Weight layout, shared by every model written from it (ONNX, TorchScript, the fused model):
 * {@link #widths()} is {@code [features, hidden..., 1]}; layer {@code i} maps {@code widths[i]}
 * inputs to {@code widths[i + 1]} outputs with {@link #weights(int) weights} float32 {@code
 * [widths[i], widths[i + 1]]} row-major (input-major: the weight from input {@code r} to output
 * {@code c} is at {@code r * widths[i + 1] + c}) and {@link #biases(int) biases} float32 {@code
 * [widths[i + 1]]}.
 *
 * <p>{@link #score(float[], int)} computes in float32: per output, the products summed in input
 * order, then the bias added, then ReLU. Engines may sum in another order, so their scores can
 * differ in the last bits, except where every partial sum is exact (for example weights and
 * features that are small multiples of a power of two).
 */
public final class RankerMlp {
  private final int[] widths;
  private final float[][] weights;
  private final float[][] biases;

  private RankerMlp(int[] widths, float[][] weights, float[][] biases) {
    this.widths = widths;
    this.weights = weights;
    this.biases = biases;
  }

  /**
   * An MLP with the given weights (copied).
   *
   * @param widths {@code [features, hidden..., 1]}: at least two widths, each at least 1, the last
   *     1
   * @param weights per layer, {@code widths[i] * widths[i + 1]} values, row-major {@code [in, out]}
   * @param biases per layer, {@code widths[i + 1]} values
   * @throws IllegalArgumentException naming the layer whose shape or values are wrong (weights must
   *     be finite)
   */
  public static RankerMlp of(int[] widths, List<float[]> weights, List<float[]> biases) {
    int[] w = checkWidths(widths);
    int layers = w.length - 1;
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(biases, "biases");
    if (weights.size() != layers || biases.size() != layers) {
      throw new IllegalArgumentException(
          "widths "
              + Arrays.toString(w)
              + " make "
              + layers
              + " layers, got "
              + weights.size()
              + " weight matrices and "
              + biases.size()
              + " bias vectors");
    }
    float[][] ws = new float[layers][];
    float[][] bs = new float[layers][];
    for (int i = 0; i < layers; i++) {
      ws[i] = check(weights.get(i), (long) w[i] * w[i + 1], "layer " + i + " weights");
      bs[i] = check(biases.get(i), w[i + 1], "layer " + i + " biases");
    }
    return new RankerMlp(w, ws, bs);
  }

  /**
   * An MLP with seeded pseudo-random weights: Glorot-uniform weights ({@code ±sqrt(6 / (in +
   * out))}) and biases uniform in {@code ±0.1}; the same arguments give the same weights on every
   * JVM.
   *
   * @param features the input width
   * @param hidden the hidden widths, may be empty (a linear model)
   */
  public static RankerMlp seeded(int features, int[] hidden, long seed) {
    int[] w = new int[hidden.length + 2];
    w[0] = features;
    System.arraycopy(hidden, 0, w, 1, hidden.length);
    w[w.length - 1] = 1;
    checkWidths(w);
    SplittableRandom random = new SplittableRandom(seed);
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int i = 0; i + 1 < w.length; i++) {
      double limit = Math.sqrt(6.0 / (w[i] + w[i + 1]));
      float[] m = new float[w[i] * w[i + 1]];
      for (int j = 0; j < m.length; j++) {
        m[j] = (float) random.nextDouble(-limit, limit);
      }
      float[] b = new float[w[i + 1]];
      for (int j = 0; j < b.length; j++) {
        b[j] = (float) random.nextDouble(-0.1, 0.1);
      }
      weights.add(m);
      biases.add(b);
    }
    return of(w, weights, biases);
  }

  private static int[] checkWidths(int[] widths) {
    int[] w = Objects.requireNonNull(widths, "widths").clone();
    if (w.length < 2) {
      throw new IllegalArgumentException(
          "widths must list the features and the output at least, got: " + Arrays.toString(w));
    }
    for (int x : w) {
      if (x < 1) {
        throw new IllegalArgumentException("widths must be at least 1, got: " + Arrays.toString(w));
      }
    }
    if (w[w.length - 1] != 1) {
      throw new IllegalArgumentException(
          "the last width is the single score output, 1, got: " + Arrays.toString(w));
    }
    return w;
  }

  private static float[] check(float[] values, long expected, String what) {
    Objects.requireNonNull(values, what);
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what + " must have " + expected + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]);
      }
    }
    return values.clone();
  }

  /** {@code [features, hidden..., 1]}. */
  public int[] widths() {
    return widths.clone();
  }

  /** The number of features per candidate. */
  public int features() {
    return widths[0];
  }

  /** The number of layers (weight matrices). */
  public int layers() {
    return widths.length - 1;
  }

  /**
   * A copy of layer {@code layer}'s weights, row-major {@code [widths[layer], widths[layer+1]]}.
   */
  public float[] weights(int layer) {
    return weights[layer].clone();
  }

  /** A copy of layer {@code layer}'s biases, {@code [widths[layer + 1]]}. */
  public float[] biases(int layer) {
    return biases[layer].clone();
  }

  /**
   * The score of the candidate whose {@link #features()} features start at {@code offset} in {@code
   * features}.
   */
  public float score(float[] features, int offset) {
    if (offset < 0 || offset > features.length - widths[0]) {
      throw new IllegalArgumentException(
          "features from offset "
              + offset
              + " need "
              + widths[0]
              + " values, the array has "
              + features.length);
    }
    float[] x = Arrays.copyOfRange(features, offset, offset + widths[0]);
    for (int layer = 0; layer < layers(); layer++) {
      int in = widths[layer];
      int out = widths[layer + 1];
      float[] w = weights[layer];
      float[] y = new float[out];
      for (int c = 0; c < out; c++) {
        float sum = 0f;
        for (int r = 0; r < in; r++) {
          sum += x[r] * w[r * out + c];
        }
        sum += biases[layer][c];
        y[c] = layer + 1 < layers() ? Math.max(sum, 0f) : sum;
      }
      x = y;
    }
    return x[0];
  }

  /** The scores of {@code rows} candidates whose features lie row after row in {@code features}. */
  public float[] scores(float[] features, int rows) {
    if ((long) rows * widths[0] != features.length) {
      throw new IllegalArgumentException(
          rows
              + " rows of "
              + widths[0]
              + " features need "
              + (long) rows * widths[0]
              + " values, got "
              + features.length);
    }
    float[] out = new float[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = score(features, i * widths[0]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "RankerMlp" + Arrays.toString(widths);
  }
}
