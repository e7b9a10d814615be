package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo ranker's construction: retrieval score + quality / 2 + a small product term. */
class DemoRankerTest {
  private static final int DIMENSION = 8;

  @TempDir Path dir;

  @Test
  void scoreMovesOneForOneWithTheRetrievalScoreAndHalfWithQuality() {
    RankerDefinition ranker = DemoRanker.definition(DIMENSION);
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 50; trial++) {
      float[] x = new float[DIMENSION + 2];
      for (int i = 0; i < DIMENSION; i++) {
        x[i] = (float) random.nextDouble(-0.2, 0.2);
      }
      x[DIMENSION] = (float) random.nextDouble(-1, 1);
      x[DIMENSION + 1] = (float) random.nextDouble(0, 1);
      float base = ranker.mlp().score(x, 0);
      float[] y = x.clone();
      y[DIMENSION] += 0.5f;
      y[DIMENSION + 1] += 0.25f;
      assertEquals(base + 0.5 + 0.125, ranker.mlp().score(y, 0), 1e-5);
      double rest = base - x[DIMENSION] - 0.5 * x[DIMENSION + 1];
      assertTrue(Math.abs(rest) < 0.5, "the product term is small: " + rest);
    }
  }

  @Test
  void writesAnOnnxArchiveWithTheFeatureArguments() throws Exception {
    Path archive = DemoRanker.write(dir.resolve("ranker"), DIMENSION);
    assertTrue(Files.isRegularFile(archive.resolve("ranker.onnx")));
    String props = Files.readString(archive.resolve("serving.properties"));
    assertTrue(props.contains("engine=OnnxRuntime\n"), props);
    assertTrue(props.contains("translator=dev.linr.rank.RankingServingTranslator\n"), props);
    assertTrue(props.contains("dimension=8\nfeatures=product,score\nattributes=quality\n"), props);
  }
}
