package dev.linr.index;

import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.items.ItemInputException;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first build pass: counts items, refuses duplicate ids (naming both lines), collects the
 * dictionary of every string attribute and the widest row of every multi-valued attribute.
 */
final class InputStats {
  private final IndexSchema schema;
  private final LongLongMap numericIds = new LongLongMap(1 << 16);
  private final Map<String, Long> stringIds = new HashMap<>();
  private final Map<String, StringDictionary> dictionaries = new LinkedHashMap<>();
  private final Map<String, Integer> widths = new LinkedHashMap<>();
  private long count;

  private final java.nio.file.Path file;

  InputStats(IndexSchema schema, java.nio.file.Path file) {
    this.schema = schema;
    this.file = file;
    for (AttributeSpec a : schema.attributes()) {
      if (a.type() == AttributeType.STRING) {
        dictionaries.put(a.name(), new StringDictionary());
      }
      if (a.multiValued()) {
        widths.put(a.name(), 1);
      }
    }
  }

  /**
   * Starts from known dictionaries (each string attribute's values in code order) and least widths
   * of multi-valued attributes, before any item is accepted.
   */
  void seed(Map<String, List<String>> dictionaryValues, Map<String, Integer> minWidths) {
    dictionaryValues.forEach(
        (name, values) -> {
          StringDictionary d = dictionaries.get(name);
          if (d == null) {
            throw new IllegalArgumentException(
                "dictionaries: '" + name + "' is not a string attribute");
          }
          values.forEach(d::add);
        });
    minWidths.forEach(
        (name, w) -> {
          if (!widths.containsKey(name)) {
            throw new IllegalArgumentException(
                "minWidths: '" + name + "' is not a multi-valued attribute");
          }
          widths.merge(name, w, Math::max);
        });
  }

  void accept(Item item) {
    checkUniqueId(item);
    for (Map.Entry<String, List<Object>> e : item.attributes().entrySet()) {
      StringDictionary dict = dictionaries.get(e.getKey());
      if (dict != null) {
        for (Object v : e.getValue()) {
          dict.add((String) v);
        }
      }
      widths.computeIfPresent(e.getKey(), (k, w) -> Math.max(w, e.getValue().size()));
    }
    count++;
  }

  private void checkUniqueId(Item item) {
    ItemId id = item.id();
    long line = item.line();
    long previous;
    if (id instanceof ItemId.Num num) {
      previous = numericIds.putIfAbsent(num.value(), line, -1);
    } else {
      Long p = stringIds.putIfAbsent(((ItemId.Str) id).value(), line);
      previous = p == null ? -1 : p;
    }
    if (previous >= 0) {
      throw new ItemInputException(
          file,
          item.line(),
          "id",
          "duplicate id " + id + " (first on line " + previous + "); ids must be unique");
    }
  }

  long count() {
    return count;
  }

  IndexSchema schema() {
    return schema;
  }

  Map<String, StringDictionary> dictionaries() {
    return dictionaries;
  }

  Map<String, Integer> cardinalities() {
    Map<String, Integer> out = new LinkedHashMap<>();
    dictionaries.forEach((name, d) -> out.put(name, d.size()));
    return out;
  }

  Map<String, Integer> widths() {
    return widths;
  }
}
