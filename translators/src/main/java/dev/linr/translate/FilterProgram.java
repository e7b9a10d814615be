package dev.linr.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.linr.index.FilterOpcodes;
import java.util.Arrays;

/**
 * The filter programs of a batch, concatenated: rows {@code (query, opcode, column, start, length)}
 * plus the shared argument arrays, as the index model's {@code filter_ops}, {@code filter_ints} and
 * {@code filter_floats} inputs. Not thread-safe; one per batch.
 */
final class FilterProgram {
  private long[] rows = new long[FilterOpcodes.ROW_WIDTH * 16];
  private int rowCount;
  private long[] ints = new long[16];
  private double[] floats = new double[16];
  private int argCount;

  /** Appends a row without arguments. */
  void op(int query, int opcode) {
    row(query, opcode, -1, 0, 0);
  }

  /** Appends a predicate row with its arguments (both forms of each argument). */
  void predicate(int query, int opcode, int column, long[] intArgs, double[] floatArgs) {
    if (intArgs.length != floatArgs.length) {
      throw new IllegalArgumentException("argument arrays differ in length");
    }
    int start = argCount;
    for (int i = 0; i < intArgs.length; i++) {
      if (argCount == ints.length) {
        ints = Arrays.copyOf(ints, argCount * 2);
        floats = Arrays.copyOf(floats, argCount * 2);
      }
      ints[argCount] = intArgs[i];
      floats[argCount] = floatArgs[i];
      argCount++;
    }
    row(query, opcode, column, start, intArgs.length);
  }

  private void row(int query, int opcode, int column, int start, int length) {
    int at = rowCount * FilterOpcodes.ROW_WIDTH;
    if (at + FilterOpcodes.ROW_WIDTH > rows.length) {
      rows = Arrays.copyOf(rows, rows.length * 2);
    }
    rows[at] = query;
    rows[at + 1] = opcode;
    rows[at + 2] = column;
    rows[at + 3] = start;
    rows[at + 4] = length;
    rowCount++;
  }

  boolean isEmpty() {
    return rowCount == 0;
  }

  CompiledFilters toArrays() {
    return new CompiledFilters(
        Arrays.copyOf(rows, rowCount * FilterOpcodes.ROW_WIDTH),
        Arrays.copyOf(ints, argCount),
        Arrays.copyOf(floats, argCount));
  }

  NDArray ops(NDManager manager) {
    return manager.create(
        Arrays.copyOf(rows, rowCount * FilterOpcodes.ROW_WIDTH),
        new Shape(rowCount, FilterOpcodes.ROW_WIDTH));
  }

  NDArray ints(NDManager manager) {
    return manager.create(Arrays.copyOf(ints, argCount));
  }

  NDArray floats(NDManager manager) {
    return manager.create(Arrays.copyOf(floats, argCount));
  }
}
