package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Items in memory read by position, as a build's input: each {@link #open} reads {@code item(0)} to
 * {@code item(size() - 1)} in order, so both passes of a build see the same items as long as {@link
 * #item} answers the same for a position every time. The items must already hold their schema's
 * types (they are not converted).
 */
public interface PositionalItems extends ItemInput {
  /** How many items there are. */
  long size();

  /** The item at a position in {@code [0, size())}. */
  Item item(long position) throws IOException;

  @Override
  default ItemSource open(IndexSchema schema) {
    return new ItemSource() {
      private long next;

      @Override
      public Item next() throws IOException {
        return next < size() ? item(next++) : null;
      }

      @Override
      public long position() {
        return next;
      }

      @Override
      public long count() {
        return next;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  default Path file() {
    return null;
  }
}
