package dev.linr.translate;

import dev.linr.filter.Filter;
import dev.linr.filter.Literal;
import dev.linr.index.AttributeColumn;
import dev.linr.index.FilterOpcodes;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.index.StringDictionary;
import dev.linr.schema.AttributeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a validated {@link Filter} into a postfix program for the index model. Literals are
 * converted to each column's encoding: strings to dictionary codes (a value never seen at build
 * time matches nothing), booleans to 0/1, integer bounds against float literals to the exact
 * integer bound, exclusive bounds to inclusive ones. Thread-safe.
 */
final class FilterCompiler {
  private final IndexMetadata metadata;
  private final IndexLayout layout;

  FilterCompiler(IndexMetadata metadata) {
    this.metadata = metadata;
    this.layout = metadata.layout();
  }

  /** Appends the program of {@code filter} for {@code query}, ending with its END row. */
  void compile(int query, Filter filter, FilterProgram out) {
    emit(query, filter, out);
    out.op(query, FilterOpcodes.END);
  }

  private void emit(int query, Filter filter, FilterProgram out) {
    if (filter instanceof Filter.All) {
      out.op(query, FilterOpcodes.TRUE);
    } else if (filter instanceof Filter.None) {
      out.op(query, FilterOpcodes.FALSE);
    } else if (filter instanceof Filter.And and) {
      conjunction(query, and.children(), out);
    } else if (filter instanceof Filter.Or or) {
      chain(query, or.children(), FilterOpcodes.OR, out);
    } else if (filter instanceof Filter.Not not) {
      emit(query, not.child(), out);
      out.op(query, FilterOpcodes.NOT);
    } else if (filter instanceof Filter.In in) {
      membership(query, FilterOpcodes.IN, in.attribute(), in.values(), out);
    } else if (filter instanceof Filter.NotIn notIn) {
      membership(query, FilterOpcodes.NOT_IN, notIn.attribute(), notIn.values(), out);
    } else if (filter instanceof Filter.AllOf all) {
      allOf(query, all, out);
    } else if (filter instanceof Filter.Range range) {
      range(query, List.of(range), out);
    } else if (filter instanceof Filter.Exists exists) {
      AttributeColumn c = layout.column(exists.attribute());
      out.predicate(query, FilterOpcodes.EXISTS, c.ordinal(), new long[0], new double[0]);
    } else {
      throw new IllegalArgumentException("unsupported filter node " + filter);
    }
  }

  private void chain(int query, List<Filter> children, int opcode, FilterProgram out) {
    emit(query, children.get(0), out);
    for (int i = 1; i < children.size(); i++) {
      emit(query, children.get(i), out);
      out.op(query, opcode);
    }
  }

  /**
   * An AND, its ranges on each single-valued numeric attribute intersected into one range at the
   * place of the first of them: {@code posted_at >= a AND posted_at < b} is one predicate for the
   * model, not two. A single value is within both ranges exactly when it is within their
   * intersection; a multi-valued attribute's ranges stay apart, as different values of an item may
   * meet them.
   */
  private void conjunction(int query, List<Filter> children, FilterProgram out) {
    // Each part: one child, or the ranges on one single-valued numeric attribute.
    List<List<Filter>> parts = new ArrayList<>();
    Map<String, List<Filter>> rangesOf = new HashMap<>();
    for (Filter child : children) {
      if (child instanceof Filter.Range range
          && layout.column(range.attribute()).encoding() == AttributeColumn.Encoding.NUMBER) {
        List<Filter> same = rangesOf.get(range.attribute());
        if (same != null) {
          same.add(range);
          continue;
        }
        same = new ArrayList<>(List.of(range));
        rangesOf.put(range.attribute(), same);
        parts.add(same);
      } else {
        parts.add(List.of(child));
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      List<Filter> part = parts.get(i);
      if (part.size() == 1) {
        emit(query, part.get(0), out);
      } else {
        range(query, part.stream().map(Filter.Range.class::cast).toList(), out);
      }
      if (i > 0) {
        out.op(query, FilterOpcodes.AND);
      }
    }
  }

  private void membership(
      int query, int opcode, String attribute, List<Literal> values, FilterProgram out) {
    AttributeColumn c = layout.column(attribute);
    Arguments args = forColumn(c, arguments(c, values));
    out.predicate(query, opcode, c.ordinal(), args.ints(), args.floats());
  }

  /** Bitset columns take the set of codes as one word of bits; others take the list. */
  private static Arguments forColumn(AttributeColumn c, Arguments args) {
    if (c.encoding() != AttributeColumn.Encoding.BITS || args.size() == 0) {
      return args;
    }
    long word = 0;
    for (long code : args.ints()) {
      word |= 1L << code;
    }
    return new Arguments(new long[] {word}, new double[1], args.dropped());
  }

  private void allOf(int query, Filter.AllOf all, FilterProgram out) {
    AttributeColumn c = layout.column(all.attribute());
    Arguments args = arguments(c, all.values());
    boolean singleValued =
        c.encoding() == AttributeColumn.Encoding.CODES
            || c.encoding() == AttributeColumn.Encoding.NUMBER;
    if (args.dropped() || (singleValued && args.size() > 1)) {
      // A value that no item can hold, or two values for a single-valued attribute.
      out.op(query, FilterOpcodes.FALSE);
      return;
    }
    int opcode = singleValued ? FilterOpcodes.IN : FilterOpcodes.ALL;
    args = forColumn(c, args);
    out.predicate(query, opcode, c.ordinal(), args.ints(), args.floats());
  }

  /** The intersection of ranges on one attribute, as one RANGE row (FALSE when empty). */
  private void range(int query, List<Filter.Range> ranges, FilterProgram out) {
    AttributeColumn c = layout.column(ranges.get(0).attribute());
    if (c.spec().type() == AttributeType.FLOAT) {
      double lo = Double.NEGATIVE_INFINITY;
      double hi = Double.POSITIVE_INFINITY;
      for (Filter.Range range : ranges) {
        // Math.max and min keep a NaN bound, which then fails the test below.
        lo = Math.max(lo, floatBound(range.lower(), range.lowerInclusive(), true));
        hi = Math.min(hi, floatBound(range.upper(), range.upperInclusive(), false));
      }
      if (!(lo <= hi)) {
        out.op(query, FilterOpcodes.FALSE);
        return;
      }
      out.predicate(query, FilterOpcodes.RANGE, c.ordinal(), new long[2], new double[] {lo, hi});
      return;
    }
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    for (Filter.Range range : ranges) {
      IntBound lower = intLowerBound(range.lower(), range.lowerInclusive());
      IntBound upper = intUpperBound(range.upper(), range.upperInclusive());
      if (lower.empty() || upper.empty()) {
        out.op(query, FilterOpcodes.FALSE);
        return;
      }
      lo = Math.max(lo, lower.value());
      hi = Math.min(hi, upper.value());
    }
    if (lo > hi) {
      out.op(query, FilterOpcodes.FALSE);
      return;
    }
    out.predicate(query, FilterOpcodes.RANGE, c.ordinal(), new long[] {lo, hi}, new double[2]);
  }

  /** An inclusive integer bound, or none possible ({@code empty}). */
  private record IntBound(long value, boolean empty) {}

  private static IntBound intLowerBound(Literal bound, boolean inclusive) {
    if (bound == null) {
      return new IntBound(Long.MIN_VALUE, false);
    }
    Long b =
        bound instanceof Literal.Int i
            ? (inclusive ? Long.valueOf(i.value()) : next(i.value()))
            : ExactBounds.longAbove(((Literal.Float) bound).value(), inclusive);
    return b == null ? new IntBound(0, true) : new IntBound(b, false);
  }

  private static IntBound intUpperBound(Literal bound, boolean inclusive) {
    if (bound == null) {
      return new IntBound(Long.MAX_VALUE, false);
    }
    Long b =
        bound instanceof Literal.Int i
            ? (inclusive ? Long.valueOf(i.value()) : previous(i.value()))
            : ExactBounds.longBelow(((Literal.Float) bound).value(), inclusive);
    return b == null ? new IntBound(0, true) : new IntBound(b, false);
  }

  private static Long next(long v) {
    return v == Long.MAX_VALUE ? null : v + 1;
  }

  private static Long previous(long v) {
    return v == Long.MIN_VALUE ? null : v - 1;
  }

  private static double floatBound(Literal bound, boolean inclusive, boolean lower) {
    if (bound == null) {
      return lower ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (bound instanceof Literal.Int i) {
      return lower
          ? ExactBounds.doubleAbove(i.value(), inclusive)
          : ExactBounds.doubleBelow(i.value(), inclusive);
    }
    double d = ((Literal.Float) bound).value();
    if (inclusive) {
      return d;
    }
    return lower ? Math.nextUp(d) : Math.nextDown(d);
  }

  /** Arguments of a membership test, in the column's encoding. */
  private record Arguments(long[] ints, double[] floats, boolean dropped) {
    int size() {
      return ints.length;
    }
  }

  private Arguments arguments(AttributeColumn c, List<Literal> values) {
    Set<Long> ints = new LinkedHashSet<>();
    Set<Double> floats = new LinkedHashSet<>();
    boolean dropped = false;
    for (Literal v : values) {
      if (c.spec().type() == AttributeType.FLOAT) {
        if (v instanceof Literal.Int i && !ExactBounds.isExactDouble(i.value())) {
          dropped = true; // no double equals this integer
          continue;
        }
        double d = v instanceof Literal.Int i ? (double) i.value() : ((Literal.Float) v).value();
        floats.add(d == 0 ? 0.0 : d); // 0.0 and -0.0 are one value
        continue;
      }
      Long code = code(c, v);
      if (code == null) {
        dropped = true;
      } else {
        ints.add(code);
      }
    }
    int n = c.spec().type() == AttributeType.FLOAT ? floats.size() : ints.size();
    long[] li = new long[n];
    double[] ld = new double[n];
    int i = 0;
    if (c.spec().type() == AttributeType.FLOAT) {
      for (double d : floats) {
        ld[i++] = d;
      }
    } else {
      for (long l : ints) {
        li[i++] = l;
      }
    }
    return new Arguments(li, ld, dropped);
  }

  /** The stored int64 for a literal in a string, bool or int column; null if none can match. */
  private Long code(AttributeColumn c, Literal v) {
    switch (c.spec().type()) {
      case STRING:
        StringDictionary dict = metadata.dictionary(c.spec().name());
        int code = dict.code(((Literal.Str) v).value());
        return code < 0 ? null : (long) code;
      case BOOL:
        return ((Literal.Bool) v).value() ? 1L : 0L;
      default:
        if (v instanceof Literal.Int i) {
          return i.value();
        }
        double d = ((Literal.Float) v).value();
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
          return null; // 1.5 equals no integer
        }
        return (long) d;
    }
  }
}
