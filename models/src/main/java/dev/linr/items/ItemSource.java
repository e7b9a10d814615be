package dev.linr.items;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of items, read in input order. Not thread-safe. Obtain one from {@link
 * ItemSources#open}.
 *
 * <pre>{@code
 * try (ItemSource source = ItemSources.open(files, schema)) {
 *   for (Item item = source.next(); item != null; item = source.next()) { ... }
 * }
 * }</pre>
 */
public interface ItemSource extends Closeable {
  /**
   * The next item, or null after the last one. Reaching the end of an input that held no items
   * throws an {@link ItemInputException} ("no items in ..."), as does a vectors file whose row
   * count differs from the metadata's item count.
   *
   * @throws ItemInputException for invalid content; the source should not be used afterwards
   * @throws IOException if reading fails
   */
  Item next() throws IOException;

  /** The line of the last item returned (where its record starts), or 0 before the first. */
  long position();

  /** How many items {@link #next()} has returned. */
  long count();
}
