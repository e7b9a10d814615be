package dev.linr.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a float32 [rows, dim] NumPy array row by row (format 1.0, little-endian, header padded to
 * 64 bytes). The caller writes exactly {@code rows} rows of {@code dim} values; the file is
 * complete when closed.
 */
public final class NpyWriter implements AutoCloseable {
  private final FileChannel out;
  private final ByteBuffer row;

  /** Creates (or truncates) {@code file} and writes the header for a [rows, dim] array. */
  public NpyWriter(Path file, long rows, int dim) throws IOException {
    out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer h = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    h.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    h.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
    while (h.hasRemaining()) {
      out.write(h);
    }
    row = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Appends one row; {@code vector} has {@code dim} values. */
  public void write(float[] vector) throws IOException {
    row.clear();
    for (float v : vector) {
      row.putFloat(v);
    }
    row.flip();
    while (row.hasRemaining()) {
      out.write(row);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
