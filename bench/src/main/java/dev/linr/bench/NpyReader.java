package dev.linr.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Reads a float32 [rows, dim] {@code .npy} (format 1.0, as {@code DemoCorpus} writes it). */
final class NpyReader {
  /** Bytes mapped at a time: one mapping cannot exceed 2 GB, and a 5M x 128 corpus is 2.56 GB. */
  static final long CHUNK_BYTES = 1L << 30;

  private NpyReader() {}

  /** The rows, row-major. */
  static float[] read(Path npy, long rows, int dim) throws IOException {
    return read(npy, rows, dim, CHUNK_BYTES);
  }

  /** The rows, mapping at most {@code chunkBytes} (a multiple of 4) at a time. */
  static float[] read(Path npy, long rows, int dim, long chunkBytes) throws IOException {
    if (chunkBytes <= 0 || chunkBytes % Float.BYTES != 0) {
      throw new IllegalArgumentException(
          "chunk of " + chunkBytes + " bytes: not a positive multiple of 4");
    }
    try (FileChannel ch = FileChannel.open(npy)) {
      ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(head, 0);
      int headerLen = head.getShort(8) & 0xffff;
      long offset = 10 + headerLen;
      float[] out = new float[Math.toIntExact(rows * dim)];
      long total = (long) out.length * Float.BYTES;
      for (long done = 0; done < total; done += chunkBytes) {
        long bytes = Math.min(chunkBytes, total - done);
        ch.map(FileChannel.MapMode.READ_ONLY, offset + done, bytes)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(out, (int) (done / Float.BYTES), (int) (bytes / Float.BYTES));
      }
      return out;
    }
  }
}
