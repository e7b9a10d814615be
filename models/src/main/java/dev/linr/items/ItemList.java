package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.nio.file.Path;
import java.util.List;

/**
 * Items already in memory, as a build's input: a live index's copy of its items, written as an
 * archive without a round trip through text. The items must already hold their schema's types (they
 * are not converted), and their vectors are read as they are. Immutable.
 *
 * @param items the items, in slot order
 */
public record ItemList(List<Item> items) implements ItemInput {
  public ItemList {
    items = List.copyOf(items);
  }

  @Override
  public ItemSource open(IndexSchema schema) {
    return new ItemSource() {
      private int next;

      @Override
      public Item next() {
        return next < items.size() ? items.get(next++) : null;
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
  public Path file() {
    return null;
  }

  @Override
  public String describe() {
    return items.size() + " items in memory";
  }
}
