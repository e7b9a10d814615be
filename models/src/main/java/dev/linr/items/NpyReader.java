package dev.linr.items;

import dev.linr.schema.HalfFloats;
import dev.linr.schema.StorageType;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rows of a 2-D NumPy {@code .npy} array of little-endian float32 ({@code '<f4'}) or float16
 * ({@code '<f2'}) in C order, format version 1.0, 2.0 or 3.0. Rows are read through a window of
 * about 1 MiB with positional reads, so any file size works and memory stays small; sequential
 * reads are fastest. Anything else (Fortran order, other dtypes, not 2-D, a size that does not
 * match the header) is refused at {@link #open} with an {@link ItemInputException} saying what to
 * change. Not thread-safe.
 */
public final class NpyReader implements Closeable {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int WINDOW_BYTES = 1 << 20;
  private static final int MAX_HEADER = 1 << 20;
  private static final Pattern DESCR = field("descr", "'([^']*)'|\"([^\"]*)\"");
  private static final Pattern FORTRAN = field("fortran_order", "(True|False)");
  private static final Pattern SHAPE = field("shape", "\\(([^)]*)\\)");

  private final Path file;
  private final FileChannel channel;
  private final StorageType dtype;
  private final long rows;
  private final int dim;
  private final long dataOffset;
  private final int rowBytes;
  private final int windowCapacity;
  private final ByteBuffer window;
  private final FloatBuffer floats;
  private final ShortBuffer shorts;
  private final short[] halves;
  private long windowStart;
  private int windowRows;

  private NpyReader(Path file, FileChannel channel) throws IOException {
    this.file = file;
    this.channel = channel;
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    int got = readUpTo(head, 0);
    for (int i = 0; i < MAGIC.length; i++) {
      if (got < 10 || head.get(i) != MAGIC[i]) {
        throw fail("not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
      }
    }
    int major = head.get(6) & 0xff;
    int minor = head.get(7) & 0xff;
    long headerLength;
    int prefix;
    if (major == 1 && minor == 0) {
      headerLength = head.getShort(8) & 0xffff;
      prefix = 10;
    } else if ((major == 2 || major == 3) && minor == 0 && got >= 12) {
      headerLength = head.getInt(8) & 0xffffffffL;
      prefix = 12;
    } else {
      throw fail(
          "unsupported .npy format version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
    }
    if (headerLength > MAX_HEADER) {
      throw fail("the .npy header claims " + headerLength + " bytes; that is not a vector array");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
    if (readUpTo(hb, prefix) < headerLength) {
      throw fail("truncated .npy header");
    }
    String header =
        new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    this.dataOffset = prefix + headerLength;

    Matcher m = DESCR.matcher(header);
    if (!m.find()) {
      throw fail(
          "the .npy header has no simple 'descr' (structured dtypes are not supported): "
              + header.trim());
    }
    String descr = m.group(1) != null ? m.group(1) : m.group(2);
    if (descr.equals("<f4")) {
      dtype = StorageType.FLOAT32;
    } else if (descr.equals("<f2")) {
      dtype = StorageType.FLOAT16;
    } else {
      throw fail(
          "dtype '"
              + descr
              + "' is not supported; expected '<f4' (little-endian float32) or '<f2'"
              + " (little-endian float16); convert with arr.astype('<f4')");
    }
    m = FORTRAN.matcher(header);
    if (!m.find()) {
      throw fail("the .npy header has no 'fortran_order': " + header.trim());
    }
    if (m.group(1).equals("True")) {
      throw fail(
          "fortran_order is True; write the array in C order"
              + " (np.save(path, np.ascontiguousarray(arr)))");
    }
    m = SHAPE.matcher(header);
    if (!m.find()) {
      throw fail("the .npy header has no 'shape': " + header.trim());
    }
    List<Long> shape = parseShape(m.group(1));
    if (shape.size() != 2) {
      throw fail(
          "shape ("
              + m.group(1).trim()
              + ") is "
              + shape.size()
              + "-D; expected a 2-D array [rows, dimension]");
    }
    long d = shape.get(1);
    if (shape.get(0) < 0) {
      throw fail("shape (" + m.group(1).trim() + ") has an unusable row count");
    }
    if (d < 1 || d > Integer.MAX_VALUE / 4) {
      throw fail("shape (" + m.group(1).trim() + ") has an unusable dimension " + d);
    }
    rows = shape.get(0);
    dim = (int) d;
    rowBytes = dim * dtype.bytes();
    long dataBytes;
    try {
      dataBytes = Math.multiplyExact(rows, (long) rowBytes);
    } catch (ArithmeticException e) {
      throw fail("shape (" + m.group(1).trim() + ") is too large");
    }
    long size = channel.size();
    if (size - dataOffset < dataBytes) {
      throw fail(
          "truncated: the header promises "
              + rows
              + " x "
              + dim
              + " "
              + descr
              + " values ("
              + dataBytes
              + " bytes) but only "
              + Math.max(0, size - dataOffset)
              + " bytes follow the header");
    }
    if (size - dataOffset > dataBytes) {
      throw fail(
          (size - dataOffset - dataBytes)
              + " unexpected bytes after the "
              + rows
              + " x "
              + dim
              + " array data");
    }
    windowCapacity = (int) Math.max(1, Math.min(Math.max(rows, 1), WINDOW_BYTES / rowBytes));
    window = ByteBuffer.allocate(windowCapacity * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    floats = dtype == StorageType.FLOAT32 ? window.asFloatBuffer() : null;
    shorts = dtype == StorageType.FLOAT16 ? window.asShortBuffer() : null;
    halves = dtype == StorageType.FLOAT16 ? new short[dim] : null;
    windowStart = -1;
  }

  /**
   * Opens a file and checks its header and size.
   *
   * @throws ItemInputException if it is not a supported .npy array (the message says why)
   */
  public static NpyReader open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new NpyReader(file, ch);
    } catch (RuntimeException | IOException e) {
      ch.close();
      throw e;
    }
  }

  /** Number of rows (vectors). */
  public long rows() {
    return rows;
  }

  /** Values per row (the vector dimension). */
  public int dim() {
    return dim;
  }

  /**
   * {@link StorageType#FLOAT32} for {@code '<f4'}, {@link StorageType#FLOAT16} for {@code '<f2'}.
   */
  public StorageType dtype() {
    return dtype;
  }

  public Path file() {
    return file;
  }

  /**
   * Reads row {@code row} into {@code into[0..dim)}, widening float16 exactly.
   *
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, rows)}
   * @throws IllegalArgumentException if {@code into} is shorter than {@link #dim()}
   */
  public void read(long row, float[] into) throws IOException {
    Objects.checkIndex(row, rows);
    if (into.length < dim) {
      throw new IllegalArgumentException(
          "the array has room for " + into.length + " values, the rows have " + dim);
    }
    if (row < windowStart || row >= windowStart + windowRows) {
      fill(row);
    }
    int base = (int) (row - windowStart) * dim;
    if (floats != null) {
      floats.get(base, into, 0, dim);
    } else {
      shorts.get(base, halves, 0, dim);
      for (int i = 0; i < dim; i++) {
        into[i] = HalfFloats.float16ToFloat(halves[i]);
      }
    }
  }

  private void fill(long row) throws IOException {
    int n = (int) Math.min(windowCapacity, rows - row);
    window.clear().limit(n * rowBytes);
    if (readUpTo(window, dataOffset + row * rowBytes) < n * rowBytes) {
      throw new EOFException(file + ": the file shrank while being read");
    }
    windowStart = row;
    windowRows = n;
  }

  /** Reads from {@code position} until {@code buf} is full or the file ends; returns bytes read. */
  private int readUpTo(ByteBuffer buf, long position) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static List<Long> parseShape(String text) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.isEmpty()) {
        try {
          out.add(Long.parseLong(p));
        } catch (NumberFormatException e) {
          out.add(-1L);
        }
      }
    }
    return out;
  }

  private static Pattern field(String name, String value) {
    return Pattern.compile("['\"]" + name + "['\"]\\s*:\\s*(?:" + value + ")");
  }

  private ItemInputException fail(String reason) {
    return new ItemInputException(file, 0, "vector", reason);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
