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

  /** The {@code if column == i: return (keys, order, width)} lines of {@code index_of}. */
  static String indexOf(List<AttributeColumn> columns) {
    List<String> lines = new ArrayList<>();
    for (AttributeColumn c : columns) {
      if (c.indexed()) {
        lines.add("    if column == " + c.ordinal() + ":");
        int width = c.encoding() == AttributeColumn.Encoding.LIST ? c.width() : 0;
        lines.add(
            "      return (self." + c.keysName() + ", self." + c.orderName() + ", " + width + ")");
      }
    }
    return String.join("\n", lines);
  }

  /**
   * For each indexed column, a stable sort of its values over slots [0, n) into its keys (int64, or
   * float64 with missing values, NaN, as +inf, so that the keys are totally ordered) and their
   * slots. A value list sorts every cell, its unused cells (beyond the row's count) as the largest
   * value (int64's maximum, or +inf), and keeps each cell's slot.
   */
  static String reindex(List<AttributeColumn> columns) {
    List<String> lines = new ArrayList<>();
    for (AttributeColumn c : columns) {
      if (!c.indexed()) {
        continue;
      }
      int i = c.ordinal();
      boolean floats = c.spec().type() == AttributeType.FLOAT;
      String values = "self." + c.valuesName() + "[:n]";
      String key =
          floats
              ? "torch.nan_to_num(" + values + ", inf, inf, -inf)"
              : "torch.to(" + values + ", 4)";
      String slots = "order" + i;
      int cells = 1;
      if (c.encoding() == AttributeColumn.Encoding.LIST) {
        cells = c.width();
        String last = floats ? "inf" : "9223372036854775807";
        lines.add(
            "    used"
                + i
                + " = torch.lt(torch.unsqueeze(torch.arange("
                + cells
                + ", device=self.alive.device), 0), torch.unsqueeze(self."
                + c.countsName()
                + "[:n], 1))");
        key =
            "torch.reshape(torch.masked_fill("
                + key
                + ", torch.bitwise_not(used"
                + i
                + "), "
                + last
                + "), [-1])";
        slots = "torch.div(order" + i + ", " + cells + ", rounding_mode=\"trunc\")";
      }
      String end = cells == 1 ? "n" : "n * " + cells;
      lines.add("    keys" + i + ", order" + i + " = torch.sort(" + key + ", stable=True, dim=0)");
      lines.add(
          "    k" + i + " = torch.copy_(self." + c.keysName() + "[:" + end + "], keys" + i + ")");
      lines.add(
          "    o" + i + " = torch.copy_(self." + c.orderName() + "[:" + end + "], " + slots + ")");
    }
    return String.join("\n", lines);
  }
}
