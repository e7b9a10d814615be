package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain-Java forward pass and the weight layout. */
class RankerMlpTest {
  /**
   * widths [2, 2, 1]; W0 (input-major) [[1, -1], [2, 0.5]], b0 [0.5, -3]; W1 [[2], [7]], b1 [1].
   */
  private static RankerMlp small() {
    return RankerMlp.of(
        new int[] {2, 2, 1},
        List.of(new float[] {1, -1, 2, 0.5f}, new float[] {2, 7}),
        List.of(new float[] {0.5f, -3}, new float[] {1}));
  }

  @Test
  void forwardIsAffineReluAffine() {
    // hidden: [1*1 + 2*2 + 0.5, relu(1*-1 + 2*0.5 - 3)] = [5.5, 0]; out: 5.5*2 + 0*7 + 1 = 12
    assertEquals(12f, small().score(new float[] {1, 2}, 0));
  }

  @Test
  void weightsAreInputMajor() {
    // x = [1, 0] reads row 0 of W0: hidden [1 + 0.5, relu(-1 - 3)] = [1.5, 0]; out 1.5*2 + 1 = 4
    assertEquals(4f, small().score(new float[] {1, 0}, 0));
    // x = [0, 1] reads row 1: hidden [2.5, relu(0.5 - 3)] = [2.5, 0]; out 6
    assertEquals(6f, small().score(new float[] {0, 1}, 0));
  }

  @Test
  void lastLayerHasNoRelu() {
    RankerMlp linear =
        RankerMlp.of(new int[] {1, 1}, List.of(new float[] {-2}), List.of(new float[] {-1}));
    assertEquals(-7f, linear.score(new float[] {3}, 0));
  }

  @Test
  void scoresReadRowAfterRow() {
    assertArrayEquals(new float[] {12, 4, 6}, small().scores(new float[] {1, 2, 1, 0, 0, 1}, 3));
    assertEquals(4f, small().score(new float[] {9, 1, 0}, 1));
  }

  @Test
  void accessorsCopy() {
    RankerMlp mlp = small();
    mlp.weights(0)[0] = 100;
    mlp.biases(1)[0] = 100;
    mlp.widths()[0] = 100;
    assertEquals(12f, mlp.score(new float[] {1, 2}, 0));
    assertArrayEquals(new int[] {2, 2, 1}, mlp.widths());
    assertEquals(2, mlp.layers());
    assertEquals(2, mlp.features());
  }

  @Test
  void seededWeightsAreDeterministicAndWithinTheGlorotBound() {
    RankerMlp a = RankerMlp.seeded(10, new int[] {32, 16}, 7);
    RankerMlp b = RankerMlp.seeded(10, new int[] {32, 16}, 7);
    RankerMlp c = RankerMlp.seeded(10, new int[] {32, 16}, 8);
    assertArrayEquals(new int[] {10, 32, 16, 1}, a.widths());
    for (int i = 0; i < a.layers(); i++) {
      assertArrayEquals(a.weights(i), b.weights(i));
      assertArrayEquals(a.biases(i), b.biases(i));
      int[] w = a.widths();
      double limit = Math.sqrt(6.0 / (w[i] + w[i + 1]));
      for (float x : a.weights(i)) {
        assertTrue(Math.abs(x) <= limit, x + " within " + limit);
      }
    }
    assertFalse(Arrays.equals(a.weights(0), c.weights(0)));
  }

  @Test
  void shapesAreChecked() {
    assertEquals(
        "the last width is the single score output, 1, got: [2, 3]",
        assertThrows(
                IllegalArgumentException.class,
                () -> RankerMlp.of(new int[] {2, 3}, List.of(new float[6]), List.of(new float[3])))
            .getMessage());
    assertEquals(
        "layer 1 weights must have 2 values, got 3",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RankerMlp.of(
                        new int[] {2, 2, 1},
                        List.of(new float[4], new float[3]),
                        List.of(new float[2], new float[1])))
            .getMessage());
    assertEquals(
        "layer 0 biases[1] is NaN",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RankerMlp.of(
                        new int[] {1, 2, 1},
                        List.of(new float[2], new float[2]),
                        List.of(new float[] {0, Float.NaN}, new float[1])))
            .getMessage());
    assertEquals(
        "features from offset 1 need 2 values, the array has 2",
        assertThrows(IllegalArgumentException.class, () -> small().score(new float[2], 1))
            .getMessage());
  }
}
