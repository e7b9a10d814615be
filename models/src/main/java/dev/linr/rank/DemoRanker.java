package dev.linr.rank;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The example ranker served next to the demo index: features {@code product,score} and the
 * attribute {@code quality}, hidden widths {@code [32, 16]}, fixed weights. By construction its
 * score is the retrieval score, plus half the item's quality, plus a small seeded nonlinear term of
 * the query-item product, so the re-ranking it does is easy to explain: quality lifts items whose
 * retrieval scores are close.
 *
 * <pre>{@code
 * Path ranker = DemoRanker.write(Path.of("models/ranker"), 64, ServingTranslatorJar::open);
 * }</pre>
 */
public final class DemoRanker {
  /** The seed of the weights of the nonlinear term. */
  public static final long SEED = 20_251_126L;

  /** The attribute feature: the demo corpus's {@code quality}, a float in [0, 1]. */
  public static final String QUALITY = "quality";

  private static final int[] HIDDEN = {32, 16};

  /** Units of both hidden layers that carry the score (positive and negative part) and quality. */
  private static final int PASS_THROUGH = 3;

  private DemoRanker() {}

  /** The ranker for queries and items of {@code dimension} values. */
  public static RankerDefinition definition(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got: " + dimension);
    }
    RankerFeatures features = RankerFeatures.of(true, true, List.of(QUALITY));
    int f = features.width(dimension);
    int[] widths = {f, HIDDEN[0], HIDDEN[1], 1};
    SplittableRandom random = new SplittableRandom(SEED);

    // Layer 0: units 0 and 1 are relu(score) and relu(-score), unit 2 is relu(quality), the rest
    // mix the product features.
    float[] w0 = new float[f * widths[1]];
    float[] b0 = new float[widths[1]];
    int score = dimension;
    int quality = dimension + 1;
    w0[score * widths[1]] = 1f;
    w0[score * widths[1] + 1] = -1f;
    w0[quality * widths[1] + 2] = 1f;
    fill(random, w0, b0, dimension, widths[1], 0.5 * Math.sqrt(6.0 / (dimension + widths[1])));

    // Layer 1: units 0..2 copy their namesakes, the rest mix the mixing units.
    float[] w1 = new float[widths[1] * widths[2]];
    float[] b1 = new float[widths[2]];
    for (int u = 0; u < PASS_THROUGH; u++) {
      w1[u * widths[2] + u] = 1f;
    }
    float limit1 = (float) (0.5 * Math.sqrt(6.0 / (widths[1] + widths[2])));
    for (int r = PASS_THROUGH; r < widths[1]; r++) {
      for (int c = PASS_THROUGH; c < widths[2]; c++) {
        w1[r * widths[2] + c] = (float) random.nextDouble(-limit1, limit1);
      }
    }
    for (int c = PASS_THROUGH; c < widths[2]; c++) {
      b1[c] = (float) random.nextDouble(-0.05, 0.05);
    }

    // Output: relu(score) - relu(-score) = score, plus quality / 2, plus a small mixed term.
    float[] w2 = new float[widths[2]];
    w2[0] = 1f;
    w2[1] = -1f;
    w2[2] = 0.5f;
    for (int r = PASS_THROUGH; r < widths[2]; r++) {
      w2[r] = (float) random.nextDouble(-0.1, 0.1);
    }
    RankerMlp mlp = RankerMlp.of(widths, List.of(w0, w1, w2), List.of(b0, b1, new float[1]));
    return new RankerDefinition(dimension, features, mlp);
  }

  /** Random weights from the first {@code inputs} rows into the non-pass-through units. */
  private static void fill(
      SplittableRandom random, float[] w, float[] b, int inputs, int units, double limit) {
    for (int r = 0; r < inputs; r++) {
      for (int c = PASS_THROUGH; c < units; c++) {
        w[r * units + c] = (float) random.nextDouble(-limit, limit);
      }
    }
    for (int c = PASS_THROUGH; c < units; c++) {
      b[c] = (float) random.nextDouble(-0.05, 0.05);
    }
  }

  /**
   * Writes the demo ranker as an ONNX archive folder {@code dir} (its name is the model name)
   * without a translator jar: for a server that has the ranking translator on its classpath.
   *
   * @throws IllegalArgumentException if {@code dir} exists or the dimension is below 1
   */
  public static Path write(Path dir, int dimension) throws IOException {
    return write(dir, dimension, null);
  }

  /**
   * Writes the demo ranker as an ONNX archive folder {@code dir}, with the serving translator jar
   * in {@code libs/} (for a stock DJL Serving) when {@code translatorJar} is not null.
   *
   * @throws IllegalArgumentException if {@code dir} exists or the dimension is below 1
   */
  public static Path write(Path dir, int dimension, Supplier<InputStream> translatorJar)
      throws IOException {
    return RankerArchiveBuilder.builder()
        .setRanker(definition(dimension))
        .setOutput(dir)
        .optFormat(RankerFormat.ONNX)
        .optTranslatorJar(translatorJar)
        .build()
        .write();
  }
}
