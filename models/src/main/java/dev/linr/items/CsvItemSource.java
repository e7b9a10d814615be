package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.util.List;

/** Items from a {@code .npy} vectors file and CSV metadata. */
final class CsvItemSource implements ItemSource {
  private final ItemFiles files;
  private final CsvRecordReader reader;
  private final CsvLayout layout;
  private final NpyVectors npy;
  private long position;
  private long count;
  private boolean done;

  private CsvItemSource(ItemFiles files, CsvRecordReader reader, CsvLayout layout, NpyVectors npy) {
    this.files = files;
    this.reader = reader;
    this.layout = layout;
    this.npy = npy;
  }

  /**
   * @param schema types the columns; when null they are inferred first (an extra pass over the CSV)
   */
  static CsvItemSource open(ItemFiles files, IndexSchema schema) throws IOException {
    CsvLayout inferred = schema == null ? CsvInference.infer(files.items()) : null;
    NpyVectors npy = NpyVectors.open(files, schema);
    CsvRecordReader reader = null;
    try {
      reader = CsvRecordReader.open(files.items());
      List<String> names = reader.next();
      CsvLayout layout = null;
      if (names != null) {
        CsvLayout.Header header = CsvLayout.parseHeader(files.items(), reader.line(), names);
        layout = schema != null ? header.withSchema(schema) : inferred;
      }
      return new CsvItemSource(files, reader, layout, npy);
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.close();
      }
      npy.close();
      throw e;
    }
  }

  @Override
  public Item next() throws IOException {
    if (done) {
      return null;
    }
    List<String> row = layout == null ? null : reader.next();
    if (row == null) {
      done = true;
      npy.finish(count);
      if (count == 0) {
        throw new ItemInputException(null, 0, null, "no items in " + files.items());
      }
      return null;
    }
    long line = reader.line();
    ItemFields f = layout.convert(row, line);
    float[] vector = npy.next(line);
    position = line;
    count++;
    return Item.owned(f.id(), vector, f.attributes(), f.expiresAt(), line);
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long count() {
    return count;
  }

  /** The columns' types. */
  CsvLayout layout() {
    return layout;
  }

  int dimension() {
    return npy.dim();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      npy.close();
    }
  }
}
