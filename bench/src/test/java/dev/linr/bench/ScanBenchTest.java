package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanBenchTest {
  @Test
  void theTestJvmHasTheVectorApi() {
    assertTrue(ScanBench.SIMD_AVAILABLE, "surefire must pass --add-modules=jdk.incubator.vector");
  }

  @Test
  void simdDotsMatchAPlainLoopIncludingARowTailOutsideWholeVectors() {
    int n = 37;
    int d = 100;
    Random random = new Random(3);
    ByteBuffer rows = ByteBuffer.allocateDirect(n * d * 4).order(ByteOrder.nativeOrder());
    float[][] plain = new float[n][d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        plain[r][j] = (float) random.nextGaussian();
        rows.putFloat((r * d + j) * 4, plain[r][j]);
      }
    }
    float[] q = new float[d];
    for (int j = 0; j < d; j++) {
      q[j] = (float) random.nextGaussian();
    }
    float[] out = new float[n];
    SimdDots.dots(rows, d, q, out, 5, n);
    for (int r = 0; r < n; r++) {
      double expected = 0;
      for (int j = 0; j < d; j++) {
        expected += (double) plain[r][j] * q[j];
      }
      if (r < 5) {
        assertEquals(0f, out[r], "rows before 'from' are left alone");
      } else {
        assertEquals(expected, out[r], 1e-4, "row " + r);
      }
    }
  }

  @Test
  void aRunTimesEveryPassAndItsProductsAgree() throws Exception {
    JsonObject r =
        ScanBench.run(
            ScanBench.Options.parse(
                new String[] {"--items", "5000", "--dim", "100", "--rounds", "2"}));
    List<String> passes = new ArrayList<>();
    r.getAsJsonArray("passes")
        .forEach(p -> passes.add(p.getAsJsonObject().get("pass").getAsString()));
    assertEquals(
        List.of(
            "java_read",
            "torch_sum",
            "torch_row_sums",
            "torch_parts_product",
            "torch_product",
            "java_simd_dots",
            ScanBench.SEARCH),
        passes);
    for (var p : r.getAsJsonArray("passes")) {
      JsonObject o = p.getAsJsonObject();
      assertTrue(o.get("best_ms").getAsDouble() > 0);
      assertTrue(o.get("median_ms").getAsDouble() >= o.get("best_ms").getAsDouble());
    }
    assertTrue(ScanBench.table(r).contains("| libtorch e.sum(1) |"));
    for (String at : List.of("median", "best")) {
      double share = r.get(ScanBench.SEARCH + "_share_of_read_at_" + at).getAsDouble();
      assertTrue(share > 0 && Double.isFinite(share), at + ": " + share);
    }
    assertTrue(ScanBench.table(r).contains("The B=1 search reads at "), ScanBench.table(r));
  }

  @Test
  void searchHitsMustBeTheBestRowsOfTheProduct() {
    float[] scores = {0.5f, 2f, 1f, 2f, -1f};
    ScanBench.checkTopSlots(scores, new int[] {1, 3, 2}, 3);
    for (int[] wrong : List.of(new int[] {3, 1, 2}, new int[] {1, 3}, new int[] {1, 3, 0})) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> ScanBench.checkTopSlots(scores, wrong, 3));
      assertTrue(e.getMessage().contains("not the best rows"), e.getMessage());
    }
  }

  @Test
  void thePartsProductIsThePlainProductInRowOrder() {
    // 64 parts of 1,040 rows and 3 rows left over; and 5 parts with none left over.
    for (int n : new int[] {66_563, 5_120}) {
      int d = 7;
      Random random = new Random(n);
      float[] rows = new float[n * d];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = (float) random.nextGaussian();
      }
      float[] q = new float[d];
      for (int j = 0; j < d; j++) {
        q[j] = (float) random.nextGaussian();
      }
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        NDArray e = m.create(rows, new Shape(n, d));
        float[] parts = ScanBench.partsProduct(e, m.create(q, new Shape(1, d))).toFloatArray();
        assertEquals(n, parts.length);
        for (int r = 0; r < n; r++) {
          double expected = 0;
          for (int j = 0; j < d; j++) {
            expected += (double) rows[r * d + j] * q[j];
          }
          assertEquals(expected, parts[r], 1e-4, "row " + r + " of " + n);
        }
      }
    }
  }

  @Test
  void productsThatDifferFailTheRun() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ScanBench.checkAgree(new float[] {1f, 2f}, new float[] {1f, 2.5f}, "these"));
    assertTrue(e.getMessage().contains("differ"), e.getMessage());
  }

  @Test
  void optionsAreParsedStrictly() {
    ScanBench.Options o = ScanBench.Options.parse(new String[0]);
    assertEquals(1_000_000, o.items());
    assertEquals(128, o.dim());
    assertEquals(25, o.rounds());
    assertEquals(Path.of("bench", "results"), o.results());
    assertEquals(
        "--rounds must be positive, got: 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> ScanBench.Options.parse(new String[] {"--rounds", "0"}))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ScanBench.Options.parse(new String[] {"--items", "5000000"}))
            .getMessage()
            .startsWith("--items x --dim must fit 2 GB"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ScanBench.Options.parse(new String[] {"--threads", "2"}))
            .getMessage()
            .startsWith("unknown option --threads"));
  }
}
