package dev.linr.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A graph input or output ({@code ValueInfoProto}): a name and a tensor type whose dimensions are
 * fixed sizes or symbolic names such as the batch dimension {@code "N"}. Immutable.
 *
 * <pre>{@code
 * OnnxValueInfo features = OnnxValueInfo.tensor("features", OnnxDataType.FLOAT, "N", 17L);
 * }</pre>
 */
public final class OnnxValueInfo {
  private final String name;
  private final OnnxDataType type;
  private final List<Object> dims;

  private OnnxValueInfo(String name, OnnxDataType type, List<Object> dims) {
    this.name = OnnxNames.require(name, "value name");
    this.type = Objects.requireNonNull(type, "type");
    this.dims = dims;
  }

  /**
   * A tensor value.
   *
   * @param dims each a non-negative {@link Long} or {@link Integer} (a fixed size) or a {@link
   *     String} (a symbolic size, the same for every value that names it)
   * @throws IllegalArgumentException for another kind of dimension, a negative size or a bad name
   */
  public static OnnxValueInfo tensor(String name, OnnxDataType type, Object... dims) {
    List<Object> d = new ArrayList<>();
    for (Object x : dims) {
      if (x instanceof Integer || x instanceof Long) {
        long v = ((Number) x).longValue();
        if (v < 0) {
          throw new IllegalArgumentException("value " + name + ": dimension " + v + " < 0");
        }
        d.add(v);
      } else if (x instanceof String s) {
        d.add(OnnxNames.require(s, "symbolic dimension of " + name));
      } else {
        throw new IllegalArgumentException(
            "value " + name + ": a dimension is a size (Long) or a symbol (String), got: " + x);
      }
    }
    return new OnnxValueInfo(name, type, List.copyOf(d));
  }

  public String name() {
    return name;
  }

  /**
   * The encoded {@code ValueInfoProto}: name (1) and type (2), a {@code TypeProto} whose
   * tensor_type (1) holds elem_type (1) and shape (2); each shape dim (1) is a dim_value (1) or a
   * dim_param (2).
   */
  ProtoWriter encode() {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof Long v) {
        dim.int64(1, v);
      } else {
        dim.string(2, (String) d);
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().int64(1, type.code()).message(2, shape);
    ProtoWriter typeProto = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, typeProto);
  }
}
