package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.linr.schema.HalfFloats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by NumPy read back right, and files written by the tests load in NumPy. */
class NumpyCrossCheckTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static boolean numpy;

  @TempDir Path dir;

  @BeforeAll
  static void findNumpy() throws Exception {
    numpy = Files.isExecutable(PYTHON) && run("import numpy").equals("");
  }

  private static String run(String script) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return "FAILED: " + out;
    }
    return out.trim();
  }

  @Test
  void readsWhatNumpyWrites() throws Exception {
    assumeTrue(numpy, "python3 with numpy is not available");
    String script =
        "import numpy as np\n"
            + "a = (np.arange(12, dtype=np.float64).reshape(4, 3) / 7 - 0.5)\n"
            + "np.save(r'"
            + dir.resolve("f4.npy")
            + "', a.astype('<f4'))\n"
            + "np.save(r'"
            + dir.resolve("f2.npy")
            + "', a.astype('<f2'))\n"
            + "np.save(r'"
            + dir.resolve("f8.npy")
            + "', a)\n"
            + "np.save(r'"
            + dir.resolve("ft.npy")
            + "', np.asfortranarray(a.astype('<f4')))\n"
            + "np.lib.format.write_array(open(r'"
            + dir.resolve("v2.npy")
            + "', 'wb'), a.astype('<f4'), version=(2, 0))\n"
            + "np.lib.format.write_array(open(r'"
            + dir.resolve("v3.npy")
            + "', 'wb'), a.astype('<f4'), version=(3, 0))\n";
    assertEquals("", run(script));
    for (String name : new String[] {"f4.npy", "v2.npy", "v3.npy", "f2.npy"}) {
      try (NpyReader r = NpyReader.open(dir.resolve(name))) {
        assertEquals(4, r.rows());
        assertEquals(3, r.dim());
        float[] row = new float[3];
        for (int i = 0; i < 4; i++) {
          r.read(i, row);
          for (int j = 0; j < 3; j++) {
            float expected = (float) ((i * 3 + j) / 7.0 - 0.5);
            if (name.equals("f2.npy")) {
              expected = HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(expected));
            }
            assertEquals(expected, row[j], name + " [" + i + "][" + j + "]");
          }
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        ItemInputException.class, () -> NpyReader.open(dir.resolve("f8.npy")));
    org.junit.jupiter.api.Assertions.assertThrows(
        ItemInputException.class, () -> NpyReader.open(dir.resolve("ft.npy")));
  }

  @Test
  void numpyLoadsTheTestWriterFiles() throws Exception {
    assumeTrue(numpy, "python3 with numpy is not available");
    float[][] rows = {{1.5f, -2f, 0.1f}, {3f, 4f, 1e-3f}};
    TestFiles.npyF4(dir, "j4.npy", rows);
    TestFiles.npyF2(dir, "j2.npy", rows);
    TestFiles.npy(dir, "j3.npy", 3, "<f4", false, "(2, 3)", TestFiles.f4(rows));
    String out =
        run(
            "import numpy as np\n"
                + "for n in ['j4', 'j2', 'j3']:\n"
                + "  a = np.load(r'"
                + dir
                + "/' + n + '.npy')\n"
                + "  print(n, a.dtype.str, a.shape, ' '.join(repr(float(x)) for x in a.ravel()))\n");
    String[] lines = out.split("\n");
    assertEquals(3, lines.length, out);
    check(lines[0], "j4 <f4 (2, 3)", rows, false);
    check(lines[1], "j2 <f2 (2, 3)", rows, true);
    check(lines[2], "j3 <f4 (2, 3)", rows, false);
    try (NpyReader r = NpyReader.open(dir.resolve("j2.npy"))) {
      float[] row = new float[3];
      r.read(1, row);
      assertArrayEquals(new float[] {3f, 4f, HalfFloats.float16ToFloat((short) 0x1419)}, row);
    }
  }

  private static void check(String line, String head, float[][] rows, boolean half) {
    assertEquals(head, line.substring(0, head.length()), line);
    String[] values = line.substring(head.length()).trim().split(" ");
    int k = 0;
    for (float[] r : rows) {
      for (float v : r) {
        float x = half ? HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(v)) : v;
        assertEquals(x, (float) Double.parseDouble(values[k++]), line);
      }
    }
    assertEquals(k, values.length, line);
  }
}
