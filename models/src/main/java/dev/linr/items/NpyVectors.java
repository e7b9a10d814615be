package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.io.Closeable;
import java.io.IOException;

/**
 * Hands out the rows of a {@code .npy} file one per metadata item, checking that values are finite
 * and that rows and items pair up exactly.
 */
final class NpyVectors implements Closeable {
  private final ItemFiles files;
  private final NpyReader reader;
  private long row;

  private NpyVectors(ItemFiles files, NpyReader reader) {
    this.files = files;
    this.reader = reader;
  }

  /** Opens the vectors of {@code files}; with a schema, its dimension must match the file's. */
  static NpyVectors open(ItemFiles files, IndexSchema schema) throws IOException {
    NpyReader reader = NpyReader.open(files.vectors());
    try {
      if (reader.dim() > IndexSchema.MAX_DIMENSION) {
        throw new ItemInputException(
            files.vectors(),
            0,
            "vector",
            "vectors have dimension "
                + reader.dim()
                + "; the largest supported is "
                + IndexSchema.MAX_DIMENSION);
      }
      if (schema != null && schema.dimension() != reader.dim()) {
        throw new ItemInputException(
            files.vectors(),
            0,
            "vector",
            "vectors have dimension "
                + reader.dim()
                + " but the schema's dimension is "
                + schema.dimension());
      }
      return new NpyVectors(files, reader);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  int dim() {
    return reader.dim();
  }

  /** The vector for the next metadata item, which is on {@code line}. */
  float[] next(long line) throws IOException {
    if (row >= reader.rows()) {
      long items = ItemCounter.count(files);
      throw new ItemInputException(files.items(), line, "vector", mismatch(items));
    }
    float[] v = new float[reader.dim()];
    reader.read(row, v);
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new ItemInputException(
            files.items(),
            line,
            "vector",
            "vector (row "
                + row
                + " of "
                + files.vectors()
                + ") element "
                + i
                + " is "
                + v[i]
                + "; vector values must be finite");
      }
    }
    row++;
    return v;
  }

  /** At the end of the metadata, after {@code items} items. */
  void finish(long items) {
    if (items != reader.rows()) {
      throw new ItemInputException(null, 0, "vector", mismatch(items));
    }
  }

  private String mismatch(long items) {
    return files.vectors()
        + " has "
        + reader.rows()
        + " rows but "
        + files.items()
        + " has "
        + items
        + " items; they must pair up row for row";
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
