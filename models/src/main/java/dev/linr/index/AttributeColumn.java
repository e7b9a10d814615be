package dev.linr.index;

import dev.linr.schema.AttributeSpec;
import dev.linr.torchscript.TensorDType;
import java.util.ArrayList;
import java.util.List;

/**
 * How one attribute is stored in the index model, one row per slot.
 *
 * <ul>
 *   <li>single-valued string: {@code aN_values} dictionary codes, -1 where missing, in the
 *       narrowest integer type that holds the dictionary (int8 up to 127 values, int16, int32);
 *   <li>single-valued bool: {@code aN_values} int8 0/1, -1 where missing;
 *   <li>single-valued int: {@code aN_values} int64 plus {@code aN_present} bool;
 *   <li>single-valued float: {@code aN_values} float64, NaN where missing (NaN fails every
 *       comparison, which is exactly the missing-attribute rule);
 *   <li>multi-valued: {@code aN_values} [capacity, width] (narrow codes, ints or floats) plus
 *       {@code aN_counts} int32, the number of leading values that are set.
 * </ul>
 *
 * <p>N is the attribute's position in the schema, so buffer names never depend on user text.
 *
 * @param spec the attribute
 * @param ordinal its position in the schema
 * @param width values per row for multi-valued attributes (at least 1); 1 for single-valued ones
 * @param valuesType element type of the values buffer
 */
public record AttributeColumn(AttributeSpec spec, int ordinal, int width, TensorDType valuesType) {
  /** Code stored for a missing string or bool value. */
  public static final long MISSING_CODE = -1;

  /** A column whose values type follows the attribute type and dictionary size. */
  public AttributeColumn(AttributeSpec spec, int ordinal, int width, int cardinality) {
    this(spec, ordinal, width, valuesTypeFor(spec, cardinality));
  }

  public AttributeColumn {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got: " + width);
    }
    if (!spec.multiValued() && width != 1) {
      throw new IllegalArgumentException("single-valued attribute " + spec.name() + " has width 1");
    }
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

  /**
   * The values type for an attribute: float64 for floats, int64 for ints, int8 for bools, and for
   * strings the narrowest signed type that holds codes up to {@code cardinality - 1} and -1.
   */
  public static TensorDType valuesTypeFor(AttributeSpec spec, int cardinality) {
    switch (spec.type()) {
      case FLOAT:
        return TensorDType.FLOAT64;
      case INT:
        return TensorDType.INT64;
      case BOOL:
        return TensorDType.INT8;
      default:
        if (cardinality <= Byte.MAX_VALUE) {
          return TensorDType.INT8;
        }
        return cardinality <= Short.MAX_VALUE ? TensorDType.INT16 : TensorDType.INT32;
    }
  }

  /** Whether a separate present mask is stored (single-valued ints have no spare value). */
  public boolean hasPresentMask() {
    return !spec.multiValued() && spec.type() == dev.linr.schema.AttributeType.INT;
  }

  /** The buffers of this column for a model of the given capacity. */
  public List<BufferSpec> buffers(long capacity) {
    String role = "attribute " + spec.name() + " (" + spec.typeName() + ")";
    List<BufferSpec> out = new ArrayList<>();
    long[] shape = spec.multiValued() ? new long[] {capacity, width} : new long[] {capacity};
    out.add(new BufferSpec(valuesName(), valuesType(), shape, role));
    if (hasPresentMask()) {
      out.add(new BufferSpec(presentName(), TensorDType.BOOL, new long[] {capacity}, role));
    }
    if (spec.multiValued()) {
      out.add(new BufferSpec(countsName(), TensorDType.INT32, new long[] {capacity}, role));
    }
    return out;
  }
}
