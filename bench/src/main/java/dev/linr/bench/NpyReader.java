package dev.linr.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Reads a float32 [rows, dim] {@code .npy} (format 1.0, as {@code DemoCorpus} writes it). */
final class NpyReader {
  private NpyReader() {}

  /** The rows, row-major. */
  static float[] read(Path npy, long rows, int dim) throws IOException {
    try (FileChannel ch = FileChannel.open(npy)) {
      ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(head, 0);
      int headerLen = head.getShort(8) & 0xffff;
      long offset = 10 + headerLen;
      float[] out = new float[Math.toIntExact(rows * dim)];
      ch.map(FileChannel.MapMode.READ_ONLY, offset, (long) out.length * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(out);
      return out;
    }
  }
}
