package dev.linr.items;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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

  private LineReader(InputStream in, Path file) {
    this.in = in;
    this.file = file;
  }

  static LineReader open(Path file) throws IOException {
    return new LineReader(Files.newInputStream(file), file);
  }

  /** The next line without its terminator, or null at the end of the file. */
  String next() throws IOException {
    int off = 0;
    while (true) {
      while (pos + off < limit) {
        byte b = buf[pos + off];
        if (b == '\n' || b == '\r') {
          if (b == '\r' && pos + off + 1 >= limit && !eof) {
            fill(); // need the next byte to tell \r\n from a lone \r
            continue;
          }
          int term = b == '\r' && pos + off + 1 < limit && buf[pos + off + 1] == '\n' ? 2 : 1;
          String s = decode(pos, off);
          pos += off + term;
          return s;
        }
        off++;
      }
      if (eof) {
        if (off == 0) {
          return null;
        }
        String s = decode(pos, off);
        pos += off;
        return s;
      }
      fill();
    }
  }

  /** The 1-based number of the line last returned by {@link #next()}; 0 before the first. */
  long line() {
    return line;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
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
    } else {
      limit += n;
    }
  }

  private String decode(int start, int len) {
    line++;
    if (line == 1
        && len >= 3
        && buf[start] == (byte) 0xEF
        && buf[start + 1] == (byte) 0xBB
        && buf[start + 2] == (byte) 0xBF) {
      start += 3;
      len -= 3;
    }
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
