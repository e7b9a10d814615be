package dev.linr.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An array of unsigned bytes in the IDX format of (Fashion-)MNIST: a big-endian header (two zero
 * bytes, the element type {@code 0x08} for unsigned byte, the number of dimensions, then each
 * dimension as a 32-bit integer) followed by the elements in row-major order. Files ending in
 * {@code .gz} are read through gzip. Any other element type, a truncated file or trailing bytes are
 * an {@link IOException} naming the file.
 *
 * @param dims the dimensions, e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param data the elements, each in 0..255 as stored (read with {@code & 0xff})
 */
record IdxFile(int[] dims, byte[] data) {
  /** The IDX element type of unsigned bytes. */
  static final int UNSIGNED_BYTE = 0x08;

  /** Reads {@code file}, gzip-compressed when its name ends in {@code .gz}. */
  static IdxFile read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in =
            file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      return read(in, file.toString());
    }
  }

  private static IdxFile read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    try {
      int magic = in.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE) {
        throw new IOException(
            name
                + ": not an IDX file of unsigned bytes (magic 0x"
                + Integer.toHexString(magic)
                + ", expected 0x0000080N)");
      }
      int rank = magic & 0xff;
      if (rank < 1) {
        throw new IOException(name + ": IDX file with no dimensions");
      }
      int[] dims = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = in.readInt();
        if (dims[i] < 0) {
          throw new IOException(name + ": negative dimension " + dims[i]);
        }
        count *= dims[i];
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new IOException(name + ": " + count + " elements do not fit one array");
      }
      byte[] data = new byte[(int) count];
      in.readFully(data);
      if (in.read() != -1) {
        throw new IOException(name + ": bytes after the " + count + " elements of " + shape(dims));
      }
      return new IdxFile(dims, data);
    } catch (EOFException e) {
      throw new IOException(name + ": truncated IDX file", e);
    }
  }

  /** Number of rows (the first dimension). */
  int rows() {
    return dims[0];
  }

  /** Elements per row (the product of the other dimensions; 1 for a vector). */
  int rowLength() {
    int n = 1;
    for (int i = 1; i < dims.length; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** Element {@code i} (row-major) as 0..255. */
  int get(long i) {
    return data[(int) i] & 0xff;
  }

  private static String shape(int[] dims) {
    return Arrays.toString(dims);
  }
}
