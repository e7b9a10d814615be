package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
  private static List<String> cpuinfo(String flags) {
    return List.of(
        "processor\t: 0",
        "vendor_id\t: AuthenticAMD",
        "cpu family\t: 25",
        "model\t\t: 17",
        "model name\t: AMD EPYC",
        "flags\t\t: " + flags,
        "processor\t: 1",
        "model name\t: AMD EPYC");
  }

  @Test
  void namesTheFamilyModelAndWidestVectorInstructions() {
    assertEquals(
        "AMD EPYC (family 25 model 17, AVX-512), 2 cores, Java 17.0.15",
        Machine.describe(cpuinfo("fpu sse2 avx2 fma avx512f avx512bw"), 2, "17.0.15"));
    assertEquals(
        "AMD EPYC (family 25 model 17, AVX2), 2 cores, Java 17",
        Machine.describe(cpuinfo("fpu sse2 avx2 fma"), 2, "17"));
    assertEquals(
        "AMD EPYC (family 25 model 17, no AVX2), 4 cores, Java 17",
        Machine.describe(cpuinfo("fpu sse2 avx"), 4, "17"));
  }

  @Test
  void aFlagIsMatchedWholeNotAsAPrefix() {
    assertEquals(
        "AMD EPYC (family 25 model 17, AVX2), 2 cores, Java 17",
        Machine.describe(cpuinfo("avx2 avx512_bf16"), 2, "17"));
  }

  @Test
  void withoutCpuinfoTheCpuIsUnknown() {
    assertEquals("unknown CPU, 8 cores, Java 21", Machine.describe(List.of(), 8, "21"));
  }
}
