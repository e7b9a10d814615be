package dev.linr.items;

import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a build reads its items: files ({@link ItemFiles}) or items already in memory, read by
 * position ({@link PositionalItems}, such as {@link ItemList}). A build opens it twice (once to
 * scan, once to write), and both passes must see the same items.
 */
public interface ItemInput {
  /**
   * A new stream over the items, checked against {@code schema} where it is not null.
   *
   * @throws ItemInputException for invalid content found while opening
   */
  ItemSource open(IndexSchema schema) throws IOException;

  /** The file that messages about an item name, or null when the items are not in a file. */
  Path file();

  /** For messages: the file names, or how many items are in memory. */
  String describe();

  /**
   * Whether {@link #inferSchema} can imply a schema from the items (files can; items in memory
   * not).
   */
  default boolean infersSchema() {
    return false;
  }

  /**
   * The schema the items imply, for a build given none: the dimension from their vectors, the
   * attribute types from their values.
   *
   * @param metric the metric to put in the schema
   * @param dtype the storage type to put in the schema
   * @throws UnsupportedOperationException where {@link #infersSchema} is false
   * @throws ItemInputException for invalid content
   */
  default IndexSchema inferSchema(Metric metric, StorageType dtype) throws IOException {
    throw new UnsupportedOperationException("items in memory need a schema");
  }
}
