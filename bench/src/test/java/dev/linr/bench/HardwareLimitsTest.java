package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class HardwareLimitsTest {
  /** 1,000 x 100 float32 (400 kB per scan) on a 10 GB/s, 100 GFLOP/s machine. */
  private static JsonObject run(String dtype) {
    JsonObject out = new JsonObject();
    out.addProperty("items", 1000);
    out.addProperty("dim", 100);
    out.addProperty("dtype", dtype);
    out.addProperty("read_bandwidth_gb_per_s", 10.0);
    out.addProperty("matmul_b32_gflop_per_s", 100.0);
    return out;
  }

  @Test
  void aB1ScanIsAFractionOfTheReadBandwidth() {
    JsonObject out = run("float32");
    out.addProperty("linr_b1_ms", 0.1); // 400 kB in 0.1 ms = 4 GB/s
    HardwareLimits.fractions(out, "linr");
    assertEquals(0.4, out.get("linr_b1_fraction_of_bandwidth").getAsDouble(), 1e-12);
  }

  @Test
  void halfPrecisionScansReadHalfTheBytes() {
    JsonObject out = run("float16");
    out.addProperty("linr_b1_ms", 0.1); // 200 kB in 0.1 ms = 2 GB/s
    HardwareLimits.fractions(out, "linr");
    assertEquals(0.2, out.get("linr_b1_fraction_of_bandwidth").getAsDouble(), 1e-12);
  }

  @Test
  void aB32BatchCounts2BNdFlopsAgainstTheMatmulRate() {
    JsonObject out = run("float32");
    out.addProperty("torch_b32_ms", 1.0); // 2 * 32 * 1000 * 100 = 6.4 MFLOP in 1 ms = 6.4 GFLOP/s
    HardwareLimits.fractions(out, "torch");
    assertEquals(0.064, out.get("torch_b32_fraction_of_matmul").getAsDouble(), 1e-12);
  }

  @Test
  void anEngineWithoutTimingsGetsNoFractions() {
    JsonObject out = run("float32");
    HardwareLimits.fractions(out, "java");
    assertFalse(out.has("java_b1_fraction_of_bandwidth"));
    assertFalse(out.has("java_b32_fraction_of_matmul"));
  }

  @Test
  void theMatmulProbeRefusesAnEmptyOperandNamingTheSizes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Machine.matmulGflopPerS(32, 0, 128, 3));
    assertEquals(
        "matmul probe: batch, items, dim and runs must be positive, got 32, 0, 128, 3",
        e.getMessage());
  }

  @Test
  void theMatmulProbeCountsEveryColumnIncludingAPartialLastChunk() {
    double gflops = Machine.matmulGflopPerS(4, Machine.MATMUL_CHUNK_ITEMS + 1000, 8, 1);
    assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s " + gflops);
  }
}
