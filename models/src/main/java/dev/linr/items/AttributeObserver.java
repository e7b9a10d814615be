package dev.linr.items;

import dev.linr.schema.AttributeType;

/** Sees every attribute value of every item as read without a schema; used for inference. */
interface AttributeObserver {
  /**
   * @param name attribute name
   * @param kind the literal type of the value(s): FLOAT for arrays mixing ints and floats; null for
   *     null or an empty array
   * @param array whether the value was a JSON array (or a multi-valued CSV cell)
   * @param line the item's line
   */
  void observe(String name, AttributeType kind, boolean array, long line);
}
