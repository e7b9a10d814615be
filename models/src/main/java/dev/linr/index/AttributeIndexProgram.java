package dev.linr.index;

import dev.linr.schema.AttributeType;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the index model's per-column parts of the attribute index (see {@link
 * AttributeColumn#indexed()}): {@code index_of}, which names a column's sorted values and slots,
 * and the body of {@code reindex}, which sorts them.
 */
final class AttributeIndexProgram {
  private AttributeIndexProgram() {}

  /** The {@code if column == i: return (keys, order)} lines of {@code index_of}. */
  static String indexOf(List<AttributeColumn> columns) {
    List<String> lines = new ArrayList<>();
    for (AttributeColumn c : columns) {
      if (c.indexed()) {
        lines.add("    if column == " + c.ordinal() + ":");
        lines.add("      return (self." + c.keysName() + ", self." + c.orderName() + ")");
      }
    }
    return String.join("\n", lines);
  }

  /**
   * For each indexed column, a stable sort of its values over slots [0, n) into its keys (int64;
   * floats as float64 with missing values, NaN, as +inf, so that the keys are totally ordered) and
   * their slots.
   */
  static String reindex(List<AttributeColumn> columns) {
    List<String> lines = new ArrayList<>();
    for (AttributeColumn c : columns) {
      if (!c.indexed()) {
        continue;
      }
      String values = "self." + c.valuesName() + "[:n]";
      String key =
          c.spec().type() == AttributeType.FLOAT
              ? "torch.nan_to_num(" + values + ", inf, inf, -inf)"
              : "torch.to(" + values + ", 4)";
      int i = c.ordinal();
      lines.add("    keys" + i + ", order" + i + " = torch.sort(" + key + ", stable=True, dim=0)");
      lines.add("    k" + i + " = torch.copy_(self." + c.keysName() + "[:n], keys" + i + ")");
      lines.add("    o" + i + " = torch.copy_(self." + c.orderName() + "[:n], order" + i + ")");
    }
    return String.join("\n", lines);
  }
}
