package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.rank.RankerMlp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TorchScript ranker written by Java, loaded by stock PyTorch, scores like plain Java. */
class TorchRankerCrossCheckTest {
  private static final int DIMENSION = 6;
  private static final RankerFeatures FEATURES = RankerFeatures.parse("product,score", "quality");
  private static final int WIDTH = FEATURES.width(DIMENSION);
  private static final int ROWS = 50;

  @TempDir Path dir;

  private Path torchScript(RankerMlp mlp) throws Exception {
    Path archive =
        Rankers.write(
            new RankerDefinition(DIMENSION, FEATURES, mlp),
            RankerFormat.TORCHSCRIPT,
            dir,
            "ranker");
    return archive.resolve("ranker.pt");
  }

  @Test
  void dyadicRankerScoresBitForBitLikePlainJava() throws Exception {
    RankerMlp mlp = Rankers.dyadic(WIDTH, new int[] {32, 16}, 8);
    SplittableRandom r = new SplittableRandom(4);
    float[] x = new float[ROWS * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % WIDTH == DIMENSION ? r.nextInt(-64, 65) / 16f : r.nextInt(-16, 17) / 16f;
    }
    float[] torch = RankPeer.score(torchScript(mlp), x, ROWS, dir);
    float[] plain = mlp.scores(x, ROWS);
    assertEquals(ROWS, torch.length);
    for (int i = 0; i < ROWS; i++) {
      float[] row = Arrays.copyOfRange(x, i * WIDTH, (i + 1) * WIDTH);
      assertEquals(DoubleMlp.score(mlp, row), (double) plain[i], "the fixture is exact");
      assertTrue(plain[i] == torch[i], "row " + i + ": java " + plain[i] + ", torch " + torch[i]);
    }
  }

  @Test
  void seededRankerScoresLikePlainJavaWithin1e5Relative() throws Exception {
    RankerMlp mlp = RankerMlp.seeded(WIDTH, new int[] {32, 16}, 12);
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[ROWS * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    float[] torch = RankPeer.score(torchScript(mlp), x, ROWS, dir);
    float[] plain = mlp.scores(x, ROWS);
    double scale = 0;
    for (float s : plain) {
      scale = Math.max(scale, Math.abs(s));
    }
    for (int i = 0; i < ROWS; i++) {
      assertEquals(
          plain[i], torch[i], 1e-5 * Math.max(Math.abs(plain[i]), 1e-3 * scale), "row " + i);
    }
  }
}
