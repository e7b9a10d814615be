package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.io.IOException;

/**
 * Opens item inputs. Opening is cheap and deterministic when a schema is given (no pass over the
 * data), so a builder can read the same input twice: once to validate and count, once to write.
 */
public final class ItemSources {
  private ItemSources() {}

  /**
   * Opens a stream of items.
   *
   * <p>With a schema, every item is checked against it: the id kind ({@code id_type}), the vector
   * dimension, attribute names and types (an int is accepted for a float attribute and becomes a
   * Double; a single value for a multi-valued attribute becomes a one-element list; an array for a
   * single-valued one is an error). CSV columns are typed by the schema.
   *
   * <p>Without a schema, the id kind and dimension come from the first item and JSON attribute
   * values keep their literal types (Long for integer literals, Double for literals with a fraction
   * or exponent, arrays mixing the two become Doubles); CSV column types are inferred first, in an
   * extra pass over the CSV, as {@link SchemaInference} does.
   *
   * <p>With a {@code .npy} file, its header is checked at once (and its dimension against the
   * schema's); rows are paired with metadata items in order and a count mismatch is reported when
   * it shows, naming both counts.
   *
   * @param schema the schema to check against, or null
   * @throws ItemInputException for invalid content found while opening (a bad {@code .npy} header,
   *     a bad CSV header)
   */
  public static ItemSource open(ItemFiles files, IndexSchema schema) throws IOException {
    return files.format() == ItemFiles.Format.CSV
        ? CsvItemSource.open(files, schema)
        : JsonlItemSource.open(files, schema, null);
  }

  /**
   * Counts items without parsing them: non-blank lines of JSON Lines, or non-blank records of a CSV
   * less its header (quoted line breaks do not end a record). Equals the number of items a source
   * returns for any valid input; 0 for an empty file.
   *
   * @throws ItemInputException if a {@code .npy} file's row count (from its header) differs
   */
  public static long countItems(ItemFiles files) throws IOException {
    long count = ItemCounter.count(files);
    if (files.hasVectorFile()) {
      try (NpyReader npy = NpyReader.open(files.vectors())) {
        if (npy.rows() != count) {
          throw new ItemInputException(
              null,
              0,
              "vector",
              files.vectors()
                  + " has "
                  + npy.rows()
                  + " rows but "
                  + files.items()
                  + " has "
                  + count
                  + " items; they must pair up row for row");
        }
      }
    }
    return count;
  }

  /**
   * Reads every item, checking it as {@link #open} does, and returns how many there are.
   *
   * @throws ItemInputException at the first invalid item, or if there are none
   */
  public static long validate(ItemFiles files, IndexSchema schema) throws IOException {
    try (ItemSource source = open(files, schema)) {
      while (source.next() != null) {
        // each item is checked as it is read
      }
      return source.count();
    }
  }
}
