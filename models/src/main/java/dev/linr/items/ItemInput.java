package dev.linr.items;

import dev.linr.schema.IndexSchema;
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
}
