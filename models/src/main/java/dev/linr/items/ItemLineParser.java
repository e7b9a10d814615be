package dev.linr.items;

import dev.linr.schema.IndexSchema;
import java.util.Objects;

/**
 * Parses single items in the build's JSON Lines format against a fixed schema, with the same checks
 * as a build: id kind, vector dimension, finite values, attribute names and types, {@code
 * expires_at}. For items that arrive one by one (live updates) rather than from a file. Not
 * thread-safe.
 *
 * <pre>{@code
 * ItemLineParser parser = new ItemLineParser(schema);
 * Item item = parser.parse("{\"id\": 7, \"vector\": [0.1, 0.2]}", 1);
 * }</pre>
 */
public final class ItemLineParser {
  private final JsonItemParser parser;

  public ItemLineParser(IndexSchema schema) {
    this.parser = new JsonItemParser(null, Objects.requireNonNull(schema, "schema"), null, null);
  }

  /**
   * Parses one item.
   *
   * @param number where the item came from (1-based; messages say "line N"), or 0
   * @throws ItemInputException naming the field at fault and the problem
   */
  public Item parse(String json, long number) {
    Objects.requireNonNull(json, "json");
    ItemFields f = parser.parse(json, number);
    return Item.owned(f.id(), f.vector(), f.attributes(), f.expiresAt(), (int) number);
  }
}
