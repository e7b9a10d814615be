package dev.linr.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A constant tensor ({@code TensorProto}), used as a graph initializer: name, dimensions, element
 * type and the values as {@code raw_data} (little-endian, row-major). Immutable.
 */
public final class OnnxTensor {
  private final String name;
  private final long[] dims;
  private final OnnxDataType type;
  private final byte[] raw;

  private OnnxTensor(String name, long[] dims, OnnxDataType type, byte[] raw) {
    this.name = OnnxNames.require(name, "tensor name");
    this.dims = dims;
    this.type = type;
    this.raw = raw;
  }

  /**
   * A float32 tensor (values copied).
   *
   * @throws IllegalArgumentException if a dimension is negative or the values do not fill the shape
   */
  public static OnnxTensor floats(String name, long[] dims, float[] values) {
    Objects.requireNonNull(values, "values");
    long[] d = checkShape(name, dims, values.length);
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new OnnxTensor(name, d, OnnxDataType.FLOAT, b.array());
  }

  /**
   * An int64 tensor (values copied).
   *
   * @throws IllegalArgumentException if a dimension is negative or the values do not fill the shape
   */
  public static OnnxTensor longs(String name, long[] dims, long[] values) {
    Objects.requireNonNull(values, "values");
    long[] d = checkShape(name, dims, values.length);
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return new OnnxTensor(name, d, OnnxDataType.INT64, b.array());
  }

  private static long[] checkShape(String name, long[] dims, int count) {
    long[] d = Objects.requireNonNull(dims, "dims").clone();
    long numel = 1;
    for (long x : d) {
      if (x < 0) {
        throw new IllegalArgumentException(
            "tensor " + name + ": dimensions must be >= 0, got " + Arrays.toString(d));
      }
      numel = Math.multiplyExact(numel, x);
    }
    if (numel != count) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + " of shape "
              + Arrays.toString(d)
              + " needs "
              + numel
              + " values, got "
              + count);
    }
    return d;
  }

  public String name() {
    return name;
  }

  public long[] dims() {
    return dims.clone();
  }

  public OnnxDataType type() {
    return type;
  }

  /** The encoded {@code TensorProto}: dims (1), data_type (2), name (8), raw_data (9). */
  ProtoWriter encode() {
    ProtoWriter p = new ProtoWriter();
    for (long d : dims) {
      p.int64(1, d);
    }
    return p.int64(2, type.code()).string(8, name).bytes(9, raw);
  }
}
