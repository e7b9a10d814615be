package dev.linr.index;

/**
 * Opcodes of the filter programs the index model evaluates (see {@code filter_masks} in the model
 * program). A program is postfix: predicates push a mask over the items, logic ops combine masks,
 * {@link #END} assigns the top of the stack to the row's query.
 */
public final class FilterOpcodes {
  /** Any of the arguments (for multi-valued attributes: any value is any argument). */
  public static final int IN = 1;

  /** Has the attribute and none of the arguments. */
  public static final int NOT_IN = 2;

  /** Multi-valued: every argument is among the item's values. */
  public static final int ALL = 3;

  /** Has the attribute. */
  public static final int EXISTS = 4;

  /** A value within the inclusive range [arg0, arg1]. */
  public static final int RANGE = 5;

  public static final int TRUE = 10;
  public static final int FALSE = 11;
  public static final int AND = 12;
  public static final int OR = 13;
  public static final int NOT = 14;

  /** Pops the finished mask and assigns it to the row's query. */
  public static final int END = 15;

  /** Columns of a program row: query, opcode, column, argument start, argument count. */
  public static final int ROW_WIDTH = 5;

  /**
   * The query of rows that form one program for every query of the batch, sent once instead of a
   * copy per query; such rows are then the only rows (format version 4 on, see {@link
   * FormatVersion#takesEveryQueryPrograms}).
   */
  public static final int EVERY_QUERY = -1;

  private FilterOpcodes() {}
}
