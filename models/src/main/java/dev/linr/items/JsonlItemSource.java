package dev.linr.items;

import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;

/** Items from JSON Lines, with vectors inline or from a {@code .npy} file. */
final class JsonlItemSource implements ItemSource {
  private final ItemFiles files;
  private final LineReader lines;
  private final JsonItemParser parser;
  private final NpyVectors npy;
  private final FastJsonItemParser fast;
  private long fastLines;
  private long position;
  private long count;
  private boolean done;

  private JsonlItemSource(
      ItemFiles files, LineReader lines, JsonItemParser parser, NpyVectors npy, boolean fast) {
    this.files = files;
    this.lines = lines;
    this.parser = parser;
    this.npy = npy;
    this.fast = fast ? parser.fastPath() : null;
  }

  static JsonlItemSource open(ItemFiles files, IndexSchema schema, AttributeObserver observer)
      throws IOException {
    return open(files, schema, observer, true);
  }

  /**
   * @param fast whether to try {@link FastJsonItemParser} first (the results are the same; tests
   *     turn it off to compare)
   */
  static JsonlItemSource open(
      ItemFiles files, IndexSchema schema, AttributeObserver observer, boolean fast)
      throws IOException {
    NpyVectors npy = files.hasVectorFile() ? NpyVectors.open(files, schema) : null;
    try {
      LineReader lines = LineReader.open(files.items());
      return new JsonlItemSource(
          files,
          lines,
          new JsonItemParser(files.items(), schema, files.vectors(), observer),
          npy,
          fast);
    } catch (IOException | RuntimeException e) {
      if (npy != null) {
        npy.close();
      }
      throw e;
    }
  }

  @Override
  public Item next() throws IOException {
    if (done) {
      return null;
    }
    while (true) {
      ItemFields f = null;
      boolean tried = false;
      if (fast != null) {
        // parse straight from the buffer; the parse finds where the line ends
        int start = lines.peekLine();
        if (start >= 0) {
          tried = true;
          f = fast.parse(lines.bytes(), start, lines.line() + 1);
          if (f != null) {
            lines.acceptLine(fast.end());
          }
        }
      }
      if (f == null) {
        if (!lines.advance()) {
          break;
        }
        byte[] b = lines.bytes();
        int start = lines.start();
        if (isBlank(b, start, lines.end())) {
          continue;
        }
        if (fast != null && !tried) {
          f = fast.parse(b, start, lines.line());
        }
        if (f == null) {
          f = parser.parse(lines.text(), lines.line());
        } else {
          fastLines++;
        }
      } else {
        fastLines++;
      }
      long line = lines.line();
      float[] vector = npy != null ? npy.next(line) : f.vector();
      position = line;
      count++;
      return Item.owned(f.id(), vector, f.attributes(), f.expiresAt(), line);
    }
    done = true;
    if (npy != null) {
      npy.finish(count);
    }
    if (count == 0) {
      throw new ItemInputException(null, 0, null, "no items in " + files.items());
    }
    return null;
  }

  /** Whether b[start, end) holds only ASCII spaces and tabs. */
  private static boolean isBlank(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** How many items the fast path parsed (the rest went through {@link JsonItemParser}). */
  long fastLines() {
    return fastLines;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long count() {
    return count;
  }

  /** The vector dimension: the file's with a {@code .npy}, else as the parser knows it. */
  int dimension() {
    return npy != null ? npy.dim() : parser.dimension();
  }

  /** The id kind in use; null before the first item. */
  IdType idKind() {
    return parser.idKind();
  }

  @Override
  public void close() throws IOException {
    try {
      lines.close();
    } finally {
      if (npy != null) {
        npy.close();
      }
    }
  }
}
