package dev.linr.index;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.torchscript.TensorDType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one attribute is stored in the index model, one row per slot. The encoding is chosen per
 * attribute at build time:
 *
 * <ul>
 *   <li>{@link Encoding#BITS}, categorical (string or bool) attributes with at most {@value
 *       #MAX_BITS} distinct values, single- or multi-valued: {@code aN_values} holds one bitset per
 *       item over the value dictionary (bit c set when the item has the value of code c), in the
 *       narrowest integer word that fits (int8 up to 7 values, int16, int32, int64). IN is {@code
 *       (word & set) != 0}, ALL is {@code (word & set) == set}, EXISTS is {@code word != 0}.
 *   <li>{@link Encoding#CODES}, single-valued strings with more values: {@code aN_values} holds the
 *       dictionary code, -1 where missing, in the narrowest type (int8, int16, int32).
 *   <li>{@link Encoding#LIST}, multi-valued attributes that are not bitsets: {@code aN_values}
 *       [capacity, width] (codes, ints or floats, LiNR's padded value lists) plus {@code aN_counts}
 *       int32, the number of leading values that are set.
 *   <li>{@link Encoding#NUMBER}, single-valued ints ({@code aN_values} int64 plus {@code
 *       aN_present} bool) and floats ({@code aN_values} float64, NaN where missing: NaN fails every
 *       comparison, which is exactly the missing-attribute rule).
 * </ul>
 *
 * <p>N is the attribute's position in the schema, so buffer names never depend on user text.
 *
 * @param spec the attribute
 * @param ordinal its position in the schema
 * @param encoding how values are stored
 * @param width values per row for {@link Encoding#LIST} (at least 1); 1 otherwise
 * @param valuesType element type of the values buffer
 */
public record AttributeColumn(
    AttributeSpec spec, int ordinal, Encoding encoding, int width, TensorDType valuesType) {
  /** Code stored for a missing value in a {@link Encoding#CODES} column. */
  public static final long MISSING_CODE = -1;

  /** The most distinct values a bitset column holds (bits 0..62 of an int64 word). */
  public static final int MAX_BITS = 63;

  /** How a column stores its values. */
  public enum Encoding {
    BITS,
    CODES,
    LIST,
    NUMBER;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AttributeColumn {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got: " + width);
    }
    if (encoding != Encoding.LIST && width != 1) {
      throw new IllegalArgumentException("only list columns have a width: " + spec.name());
    }
  }

  /**
   * The column for an attribute given what the build saw of it.
   *
   * @param cardinality distinct values (string attributes; bools have 2)
   * @param width the most values one item holds (multi-valued attributes)
   */
  public static AttributeColumn choose(
      AttributeSpec spec, int ordinal, int cardinality, int width) {
    AttributeType type = spec.type();
    boolean categorical = type == AttributeType.STRING || type == AttributeType.BOOL;
    int distinct = type == AttributeType.BOOL ? 2 : cardinality;
    if (categorical && distinct <= MAX_BITS) {
      return new AttributeColumn(spec, ordinal, Encoding.BITS, 1, wordFor(distinct));
    }
    TensorDType element =
        type == AttributeType.FLOAT
            ? TensorDType.FLOAT64
            : type == AttributeType.STRING ? codeFor(cardinality) : TensorDType.INT64;
    if (spec.multiValued()) {
      return new AttributeColumn(spec, ordinal, Encoding.LIST, Math.max(1, width), element);
    }
    Encoding e = type == AttributeType.STRING ? Encoding.CODES : Encoding.NUMBER;
    return new AttributeColumn(spec, ordinal, e, 1, element);
  }

  private static TensorDType wordFor(int bits) {
    if (bits <= 7) {
      return TensorDType.INT8;
    }
    if (bits <= 15) {
      return TensorDType.INT16;
    }
    return bits <= 31 ? TensorDType.INT32 : TensorDType.INT64;
  }

  private static TensorDType codeFor(int cardinality) {
    if (cardinality <= Byte.MAX_VALUE) {
      return TensorDType.INT8;
    }
    return cardinality <= Short.MAX_VALUE ? TensorDType.INT16 : TensorDType.INT32;
  }

  public String valuesName() {
    return "a" + ordinal + "_values";
  }

  public String presentName() {
    return "a" + ordinal + "_present";
  }

  public String countsName() {
    return "a" + ordinal + "_counts";
  }

  /** Whether a separate present mask is stored (single-valued ints have no spare value). */
  public boolean hasPresentMask() {
    return encoding == Encoding.NUMBER && spec.type() == AttributeType.INT;
  }

  public String keysName() {
    return "a" + ordinal + "_keys";
  }

  public String orderName() {
    return "a" + ordinal + "_order";
  }

  /**
   * Whether the column has an attribute index: its values sorted ({@code aN_keys}, int64 or
   * float64; missing floats and the unused cells of value lists sort last, as the largest value)
   * and the slot of each ({@code aN_order}), so that an IN or RANGE predicate finds its slots by
   * binary search. Single-valued numbers, dictionary codes and value lists (one entry per cell:
   * LiNR's posting lists) have one; bitset columns (at most {@value #MAX_BITS} values, so rarely
   * selective) do not.
   */
  public boolean indexed() {
    return encoding != Encoding.BITS;
  }

  /** Entries of the attribute index per slot: the list width, or 1. */
  public int indexWidth() {
    return encoding == Encoding.LIST ? width : 1;
  }

  /** The attribute index buffers of this column (none when it is not {@link #indexed()}). */
  public List<BufferSpec> indexBuffers(long capacity) {
    if (!indexed()) {
      return List.of();
    }
    String role = "attribute index " + spec.name();
    TensorDType keys = spec.type() == AttributeType.FLOAT ? TensorDType.FLOAT64 : TensorDType.INT64;
    long[] shape = {Math.multiplyExact(capacity, (long) indexWidth())};
    return List.of(
        new BufferSpec(keysName(), keys, shape, role + " (sorted values)"),
        new BufferSpec(orderName(), TensorDType.INT64, shape, role + " (slots)"));
  }

  /** The buffers of this column for a model of the given capacity. */
  public List<BufferSpec> buffers(long capacity) {
    String role =
        "attribute " + spec.name() + " (" + spec.typeName() + ", " + encoding.jsonName() + ")";
    List<BufferSpec> out = new ArrayList<>();
    long[] shape = encoding == Encoding.LIST ? new long[] {capacity, width} : new long[] {capacity};
    out.add(new BufferSpec(valuesName(), valuesType, shape, role));
    if (hasPresentMask()) {
      out.add(new BufferSpec(presentName(), TensorDType.BOOL, new long[] {capacity}, role));
    }
    if (encoding == Encoding.LIST) {
      out.add(new BufferSpec(countsName(), TensorDType.INT32, new long[] {capacity}, role));
    }
    return out;
  }
}
