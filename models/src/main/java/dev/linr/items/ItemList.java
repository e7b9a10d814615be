package dev.linr.items;

import java.util.List;

/**
 * Items already in memory, as a build's input, without a round trip through text. The items must
 * already hold their schema's types (they are not converted), and their vectors are read as they
 * are. Immutable.
 *
 * @param items the items, in input order
 */
public record ItemList(List<Item> items) implements PositionalItems {
  public ItemList {
    items = List.copyOf(items);
  }

  @Override
  public long size() {
    return items.size();
  }

  @Override
  public Item item(long position) {
    return items.get((int) position);
  }

  @Override
  public String describe() {
    return items.size() + " items in memory";
  }
}
