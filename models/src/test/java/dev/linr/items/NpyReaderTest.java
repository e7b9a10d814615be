package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.schema.HalfFloats;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
  @TempDir Path dir;

  private static float[][] random(int rows, int dim, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[rows][dim];
    for (float[] row : out) {
      for (int i = 0; i < dim; i++) {
        row[i] = (float) r.nextGaussian();
      }
    }
    return out;
  }

  @Test
  void float32RoundTripAllVersions() throws IOException {
    float[][] rows = random(7, 5, 1);
    for (int major = 1; major <= 3; major++) {
      Path f =
          TestFiles.npy(
              dir, "v" + major + ".npy", major, "<f4", false, "(7, 5)", TestFiles.f4(rows));
      try (NpyReader r = NpyReader.open(f)) {
        assertEquals(7, r.rows());
        assertEquals(5, r.dim());
        assertEquals(StorageType.FLOAT32, r.dtype());
        float[] into = new float[5];
        for (int i = 0; i < 7; i++) {
          r.read(i, into);
          assertArrayEquals(rows[i], into, "version " + major + " row " + i);
        }
      }
    }
  }

  @Test
  void float16IsWidenedExactly() throws IOException {
    float[][] rows = random(4, 3, 2);
    Path f = TestFiles.npyF2(dir, "h.npy", rows);
    try (NpyReader r = NpyReader.open(f)) {
      assertEquals(StorageType.FLOAT16, r.dtype());
      float[] into = new float[3];
      for (int i = 0; i < 4; i++) {
        r.read(i, into);
        for (int j = 0; j < 3; j++) {
          assertEquals(HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(rows[i][j])), into[j]);
        }
      }
    }
  }

  @Test
  void randomAccessAcrossManyWindows() throws IOException {
    // 3000 rows of 300 float32 = 3.6 MB: several 1 MiB windows.
    float[][] rows = random(3000, 300, 3);
    Path f = TestFiles.npyF4(dir, "big.npy", rows);
    try (NpyReader r = NpyReader.open(f)) {
      float[] into = new float[301];
      for (int i : new int[] {2999, 0, 1500, 1501, 873, 2998, 1, 2000}) {
        r.read(i, into);
        assertArrayEquals(rows[i], Arrays.copyOf(into, 300), "row " + i);
      }
      for (int i = 0; i < 3000; i++) {
        r.read(i, into);
        assertEquals(rows[i][299], into[299]);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> r.read(3000, into));
      assertThrows(IndexOutOfBoundsException.class, () -> r.read(-1, into));
      assertThrows(IllegalArgumentException.class, () -> r.read(0, new float[299]));
    }
  }

  @Test
  void zeroRowsIsReadable() throws IOException {
    Path f = TestFiles.npy(dir, "z.npy", 1, "<f4", false, "(0, 8)", new byte[0]);
    try (NpyReader r = NpyReader.open(f)) {
      assertEquals(0, r.rows());
      assertEquals(8, r.dim());
    }
  }

  private String openError(Path f) {
    return assertThrows(ItemInputException.class, () -> NpyReader.open(f).close()).getMessage();
  }

  @Test
  void rejectsWhatItCannotRead() throws IOException {
    byte[] data = new byte[24];
    assertEquals(
        dir.resolve("f.npy")
            + ": fortran_order is True; write the array in C order"
            + " (np.save(path, np.ascontiguousarray(arr)))",
        openError(TestFiles.npy(dir, "f.npy", 1, "<f4", true, "(2, 3)", data)));
    assertEquals(
        dir.resolve("d.npy")
            + ": dtype '<f8' is not supported; expected '<f4' (little-endian float32) or '<f2'"
            + " (little-endian float16); convert with arr.astype('<f4')",
        openError(TestFiles.npy(dir, "d.npy", 1, "<f8", false, "(3, 1)", data)));
    assertEquals(
        dir.resolve("b.npy")
            + ": dtype '>f4' is not supported; expected '<f4' (little-endian float32) or '<f2'"
            + " (little-endian float16); convert with arr.astype('<f4')",
        openError(TestFiles.npy(dir, "b.npy", 1, ">f4", false, "(2, 3)", data)));
    assertEquals(
        dir.resolve("one.npy") + ": shape (6,) is 1-D; expected a 2-D array [rows, dimension]",
        openError(TestFiles.npy(dir, "one.npy", 1, "<f4", false, "(6,)", data)));
    assertEquals(
        dir.resolve("three.npy")
            + ": shape (1, 2, 3) is 3-D; expected a 2-D array [rows, dimension]",
        openError(TestFiles.npy(dir, "three.npy", 1, "<f4", false, "(1, 2, 3)", data)));
    assertEquals(
        dir.resolve("zero.npy") + ": shape () is 0-D; expected a 2-D array [rows, dimension]",
        openError(TestFiles.npy(dir, "zero.npy", 1, "<f4", false, "()", new byte[4])));
    assertEquals(
        dir.resolve("t.npy")
            + ": truncated: the header promises 3 x 3 <f4 values (36 bytes) but only 24 bytes"
            + " follow the header",
        openError(TestFiles.npy(dir, "t.npy", 1, "<f4", false, "(3, 3)", data)));
    assertEquals(
        dir.resolve("x.npy") + ": 4 unexpected bytes after the 1 x 5 array data",
        openError(TestFiles.npy(dir, "x.npy", 1, "<f4", false, "(1, 5)", data)));
    assertEquals(
        dir.resolve("s.npy") + ": shape (2, 0) has an unusable dimension 0",
        openError(TestFiles.npy(dir, "s.npy", 1, "<f4", false, "(2, 0)", data)));
  }

  @Test
  void rejectsOtherFilesAndVersions() throws IOException {
    Path text = TestFiles.text(dir, "a.npy", "id,geo\n1,us\n");
    assertEquals(
        text + ": not a NumPy .npy file (the magic string \\x93NUMPY is missing)", openError(text));
    Path v4 = TestFiles.npy(dir, "v4.npy", 2, "<f4", false, "(1, 1)", new byte[4]);
    byte[] bytes = Files.readAllBytes(v4);
    bytes[6] = 4;
    Files.write(v4, bytes);
    assertEquals(
        v4 + ": unsupported .npy format version 4.0; expected 1.0, 2.0 or 3.0", openError(v4));
    bytes[6] = 1;
    bytes[7] = 1;
    Files.write(v4, bytes);
    assertEquals(
        v4 + ": unsupported .npy format version 1.1; expected 1.0, 2.0 or 3.0", openError(v4));
    Path empty = TestFiles.text(dir, "e.npy", "");
    assertEquals(
        empty + ": not a NumPy .npy file (the magic string \\x93NUMPY is missing)",
        openError(empty));
  }
}
