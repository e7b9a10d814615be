package dev.linr.translate;

import dev.linr.filter.Filter;
import dev.linr.filter.FilterParser;
import dev.linr.filter.FilterValidator;
import java.util.Arrays;
import java.util.List;

/**
 * The filter program inputs of the index model for a batch, as plain arrays: what the translator
 * sends as {@code filter_ops} ([rows, 5] int64, row-major), {@code filter_ints} and {@code
 * filter_floats}. For running the model from other hosts (stock PyTorch, other runtimes) and for
 * diagnostics; the translators build the same arrays internally.
 *
 * @param ops program rows, {@code rows * 5} values
 * @param ints integer arguments
 * @param floats float arguments (aligned with {@code ints})
 */
public record CompiledFilters(long[] ops, long[] ints, double[] floats) {
  public CompiledFilters {
    ops = ops.clone();
    ints = ints.clone();
    floats = floats.clone();
  }

  /** Number of program rows. */
  public int rows() {
    return ops.length / dev.linr.index.FilterOpcodes.ROW_WIDTH;
  }

  /**
   * Parses, validates and compiles one filter per query ({@code null} for none).
   *
   * @throws dev.linr.query.RequestParseException for a bad filter
   */
  public static CompiledFilters compile(IndexContext context, List<String> filters) {
    FilterCompiler compiler = new FilterCompiler(context.metadata());
    FilterProgram program = new FilterProgram();
    for (int i = 0; i < filters.size(); i++) {
      String text = filters.get(i);
      if (text != null) {
        compiler.compile(i, validated(context, text), program);
      }
    }
    return program.toArrays();
  }

  /**
   * Parses, validates and compiles one filter for every query of a batch, sent once: rows of query
   * {@link dev.linr.index.FilterOpcodes#EVERY_QUERY}, which models of format version 4 on take (see
   * {@link dev.linr.index.FormatVersion#takesEveryQueryPrograms}); older ones need {@link #compile}
   * with the filter repeated for each query.
   *
   * @throws dev.linr.query.RequestParseException for a bad filter
   */
  public static CompiledFilters compileForEveryQuery(IndexContext context, String filter) {
    FilterProgram program = new FilterProgram();
    new FilterCompiler(context.metadata())
        .compile(dev.linr.index.FilterOpcodes.EVERY_QUERY, validated(context, filter), program);
    return program.toArrays();
  }

  private static Filter validated(IndexContext context, String filter) {
    return FilterValidator.validate(FilterParser.parse(filter), context.schema());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompiledFilters c
        && Arrays.equals(ops, c.ops)
        && Arrays.equals(ints, c.ints)
        && Arrays.equals(floats, c.floats);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ops) * 31 + Arrays.hashCode(ints);
  }
}
