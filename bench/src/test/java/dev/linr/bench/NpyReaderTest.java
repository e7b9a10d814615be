package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy reader, whole and in mapped chunks that split rows and end short. */
class NpyReaderTest {
  private static Path write(Path dir, float[] values, int rows, int dim) throws Exception {
    String header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + values.length * 4)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : values) {
      b.putFloat(v);
    }
    Path npy = dir.resolve("x.npy");
    Files.write(npy, b.array());
    return npy;
  }

  @Test
  void chunksReadTheSameRowsAsOneMapping(@TempDir Path dir) throws Exception {
    int rows = 7;
    int dim = 3;
    float[] values = new float[rows * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f - 3;
    }
    Path npy = write(dir, values, rows, dim);
    assertArrayEquals(values, NpyReader.read(npy, rows, dim));
    for (long chunk : new long[] {4, 8, 20, 84, 1000}) {
      assertArrayEquals(values, NpyReader.read(npy, rows, dim, chunk), "chunk " + chunk);
    }
    assertThrows(IllegalArgumentException.class, () -> NpyReader.read(npy, rows, dim, 6));
  }
}
