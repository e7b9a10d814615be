package dev.linr.items;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads UTF-8 text one physical line at a time. Lines end at {@code \n}, {@code \r\n} or a lone
 * {@code \r}; a UTF-8 byte order mark at the start of the file is dropped; invalid UTF-8 is an
 * {@link ItemInputException} naming the line. Lines may be of any length up to 1 GiB.
 */
final class LineReader implements Closeable {
  private static final int MAX_LINE_BYTES = 1 << 30;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final InputStream in;
  private final Path file;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long line;
  private int lineStart;
  private int lineEnd;

  /**
   * Where the last {@code '\n'} read into the buffer is (or the end-of-file sentinel at limit), or
   * -1: a line starting at or before it ends within the buffer.
   */
  private int safe = -1;

  private LineReader(InputStream in, Path file) {
    this.in = in;
    this.file = file;
  }

  static LineReader open(Path file) throws IOException {
    return new LineReader(Files.newInputStream(file), file);
  }

  /** The next line without its terminator, or null at the end of the file. */
  String next() throws IOException {
    return advance() ? text() : null;
  }

  /**
   * Moves to the next line without decoding it, or returns false at the end of the file. The line's
   * bytes are {@code bytes()[start(), end())}, without terminator or byte order mark, and stay
   * there until the next call. {@code bytes()[end()]} is always {@code '\n'} or {@code '\r'}, so a
   * scanner that stops at either needs no other bound.
   */
  boolean advance() throws IOException {
    int off = 0;
    while (true) {
      int i = lineEnd(buf, pos + off, limit);
      if (i < limit) {
        byte b = buf[i];
        if (b == '\r' && i + 1 >= limit && !eof) {
          off = i - pos;
          fill(); // need the next byte to tell \r\n from a lone \r
          continue;
        }
        int term = b == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? 2 : 1;
        setLine(pos, i);
        pos = i + term;
        return true;
      }
      off = limit - pos;
      if (eof) {
        if (off == 0) {
          return false;
        }
        if (limit == buf.length) {
          buf = Arrays.copyOf(buf, buf.length + 1);
        }
        buf[limit] = '\n'; // the sentinel advance() promises; not part of the data
        setLine(pos, limit);
        pos = limit;
        return true;
      }
      fill();
    }
  }

  /**
   * Where the next line starts in {@link #bytes()} if it is certain to end within the buffer, at a
   * {@code '\n'} or {@code '\r'} whose kind of terminator is known; else -1 (then use {@link
   * #advance()}). Never for the first line, whose byte order mark {@link #advance()} handles. A
   * caller that finds where the line ends without passing such a byte reports it through {@link
   * #acceptLine}.
   */
  int peekLine() {
    return line > 0 && pos <= safe && pos < limit ? pos : -1;
  }

  /**
   * Makes the line from {@link #peekLine()} to {@code end} (its first {@code '\n'} or {@code '\r'})
   * the current line, as {@link #advance()} would have.
   */
  void acceptLine(int end) {
    line++;
    lineStart = pos;
    lineEnd = end;
    int term = buf[end] == '\r' && end + 1 < limit && buf[end + 1] == '\n' ? 2 : 1;
    pos = Math.min(end + term, limit);
  }

  /** The buffer holding the current line; see {@link #advance()}. */
  byte[] bytes() {
    return buf;
  }

  /** Where the current line starts in {@link #bytes()}. */
  int start() {
    return lineStart;
  }

  /** Where the current line ends (exclusive) in {@link #bytes()}. */
  int end() {
    return lineEnd;
  }

  /** The current line, decoded. */
  String text() {
    return decode(lineStart, lineEnd - lineStart);
  }

  private void setLine(int start, int end) {
    line++;
    if (line == 1
        && end - start >= 3
        && buf[start] == (byte) 0xEF
        && buf[start + 1] == (byte) 0xBB
        && buf[start + 2] == (byte) 0xBF) {
      start += 3;
    }
    lineStart = start;
    lineEnd = end;
  }

  /** The index of the first {@code \n} or {@code \r} in {@code b[i, limit)}, or limit. */
  private static int lineEnd(byte[] b, int i, int limit) {
    for (; i + 8 <= limit; i += 8) {
      long w = (long) LONGS.get(b, i);
      long x = w ^ 0x0A0A0A0A0A0A0A0AL;
      long y = w ^ 0x0D0D0D0D0D0D0D0DL;
      // high bit set in each byte of x or y that is zero (exact for the lowest such byte)
      long t = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < limit; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return limit;
  }

  /** The 1-based number of the line last returned by {@link #next()}; 0 before the first. */
  long line() {
    return line;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      safe = safe >= pos ? safe - pos : -1;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_LINE_BYTES) {
        throw new ItemInputException(file, line + 1, null, "line is longer than 1 GiB");
      }
      buf = Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      if (limit == buf.length) {
        buf = Arrays.copyOf(buf, buf.length + 1);
      }
      buf[limit] = '\n'; // the sentinel advance() promises; not part of the data
      safe = limit;
    } else {
      for (int i = limit + n - 1; i >= limit; i--) {
        if (buf[i] == '\n') {
          safe = i;
          break;
        }
      }
      limit += n;
    }
  }

  private String decode(int start, int len) {
    boolean ascii = true;
    for (int i = start, end = start + len; i < end; i++) {
      if (buf[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(buf, start, len, StandardCharsets.ISO_8859_1);
    }
    ByteBuffer bytes = ByteBuffer.wrap(buf, start, len);
    try {
      return decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new ItemInputException(
          file,
          line,
          null,
          "not valid UTF-8 (bad byte at offset " + (bytes.position() - start) + " of the line)");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
