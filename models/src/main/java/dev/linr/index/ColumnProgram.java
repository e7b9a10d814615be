package dev.linr.index;

import dev.linr.schema.AttributeType;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the TorchScript method that evaluates filter predicates on one attribute column, in the
 * column's own encoding (see {@link AttributeColumn}). Each method takes (opcode, int arguments,
 * float arguments, n, rows) and returns a bool mask over slots [0, n) or, when rows is given, over
 * those n slots.
 */
final class ColumnProgram {
  private ColumnProgram() {}

  static String methodName(AttributeColumn c) {
    return "column_" + c.ordinal();
  }

  /** The {@code if column == i: return ...} lines of the predicate dispatcher. */
  static String dispatch(List<AttributeColumn> columns) {
    List<String> lines = new ArrayList<>();
    for (AttributeColumn c : columns) {
      lines.add("    if column == " + c.ordinal() + ":");
      lines.add("      return self." + methodName(c) + "(op, ints, floats, n, rows)");
    }
    return String.join("\n", lines);
  }

  static String method(AttributeColumn c) {
    List<String> body = new ArrayList<>();
    body.add("    v = " + atRows(c.valuesName()));
    switch (c.encoding()) {
      case BITS:
        bits(body);
        break;
      case LIST:
        list(c, body);
        break;
      default:
        single(c, body);
    }
    body.add("    if op == " + FilterOpcodes.EXISTS + ":");
    body.add("      return present");
    body.add("    return torch.zeros([n], dtype=11, device=v.device)");
    return String.join(
            "\n",
            "  def " + methodName(c) + "(self: __torch__.IndexModel,",
            "    op: int,",
            "    ints: Tensor,",
            "    floats: Tensor,",
            "    n: int,",
            "    rows: Optional[Tensor]) -> Tensor:")
        + "\n"
        + String.join("\n", body);
  }

  /** A bitset per item; the single argument is the set of value bits. */
  private static void bits(List<String> body) {
    body.add("    present = torch.ne(v, 0)");
    body.add("    if torch.numel(ints) == 0:");
    body.add("      hit = torch.zeros([n], dtype=11, device=v.device)");
    body.add("      wanted = torch.zeros([1], dtype=v.dtype, device=v.device)");
    body.add("    else:");
    body.add("      wanted = torch.to(ints[0:1], v.dtype)");
    body.add("      hit = torch.ne(torch.bitwise_and(v, wanted), 0)");
    body.add("    if op == " + FilterOpcodes.IN + ":");
    body.add("      return hit");
    body.add("    if op == " + FilterOpcodes.NOT_IN + ":");
    body.add("      return torch.logical_and(present, torch.bitwise_not(hit))");
    body.add("    if op == " + FilterOpcodes.ALL + ":");
    body.add(
        "      return torch.logical_and(present, torch.eq(torch.bitwise_and(v, wanted), wanted))");
  }

  /** Padded value lists with counts. */
  private static void list(AttributeColumn c, List<String> body) {
    String args = c.spec().type() == AttributeType.FLOAT ? "floats" : "ints";
    body.add("    counts = " + atRows(c.countsName()));
    body.add("    present = torch.gt(counts, 0)");
    body.add("    if op == " + FilterOpcodes.IN + ":");
    body.add("      return self.any_valid(self.isin(v, " + args + "), counts)");
    body.add("    if op == " + FilterOpcodes.NOT_IN + ":");
    body.add(
        "      return torch.logical_and(present, torch.bitwise_not(self.any_valid(self.isin(v, "
            + args
            + "), counts)))");
    body.add("    if op == " + FilterOpcodes.ALL + ":");
    body.add("      acc = present");
    body.add("      for i in range(torch.numel(" + args + ")):");
    body.add(
        "        acc = torch.logical_and(acc, self.any_valid(self.isin(v, "
            + args
            + "[i:i + 1]), counts))");
    body.add("      return acc");
    body.add("    if op == " + FilterOpcodes.RANGE + ":");
    body.add("      return self.any_valid(" + inside(args) + ", counts)");
  }

  /** One value (or a missing marker) per item. */
  private static void single(AttributeColumn c, List<String> body) {
    String args = c.spec().type() == AttributeType.FLOAT ? "floats" : "ints";
    body.add("    present = " + presentExpression(c));
    body.add("    if op == " + FilterOpcodes.IN + ":");
    body.add("      return torch.logical_and(present, self.isin(v, " + args + "))");
    body.add("    if op == " + FilterOpcodes.NOT_IN + ":");
    body.add(
        "      return torch.logical_and(present, torch.bitwise_not(self.isin(v, " + args + ")))");
    body.add("    if op == " + FilterOpcodes.RANGE + ":");
    body.add("      return torch.logical_and(present, " + inside(args) + ")");
  }

  private static String inside(String args) {
    return "torch.logical_and(torch.ge(v, " + args + "[0]), torch.le(v, " + args + "[1]))";
  }

  /** A buffer's rows [0, n), or its given rows. */
  private static String atRows(String buffer) {
    return "self.at_rows(self." + buffer + ", rows, n)";
  }

  private static String presentExpression(AttributeColumn c) {
    switch (c.spec().type()) {
      case FLOAT:
        return "torch.bitwise_not(torch.isnan(v))";
      case INT:
        return atRows(c.presentName());
      default:
        return "torch.ge(v, 0)";
    }
  }
}
