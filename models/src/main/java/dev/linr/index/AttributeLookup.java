package dev.linr.index;

import java.util.Map;

/** Reads the attributes an index holds for a slot, decoded to user values. */
public interface AttributeLookup {
  /**
   * The attributes of a slot: name to value, a single value as {@code String}, {@code Long}, {@code
   * Double} or {@code Boolean}, a multi-valued attribute as a {@code List} of those. Missing
   * attributes are absent. Order follows the schema.
   */
  Map<String, Object> attributes(long slot);
}
