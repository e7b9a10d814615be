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
  private long position;
  private long count;
  private boolean done;

  private JsonlItemSource(
      ItemFiles files, LineReader lines, JsonItemParser parser, NpyVectors npy) {
    this.files = files;
    this.lines = lines;
    this.parser = parser;
    this.npy = npy;
  }

  static JsonlItemSource open(ItemFiles files, IndexSchema schema, AttributeObserver observer)
      throws IOException {
    NpyVectors npy = files.hasVectorFile() ? NpyVectors.open(files, schema) : null;
    try {
      LineReader lines = LineReader.open(files.items());
      return new JsonlItemSource(
          files, lines, new JsonItemParser(files.items(), schema, files.vectors(), observer), npy);
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
    String text;
    while ((text = lines.next()) != null) {
      if (JsonNumbers.isBlank(text)) {
        continue;
      }
      long line = lines.line();
      ItemFields f = parser.parse(text, line);
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
