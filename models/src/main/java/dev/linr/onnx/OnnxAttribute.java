package dev.linr.onnx;

import java.util.Objects;

/**
 * A node attribute ({@code AttributeProto}): an int such as Gemm's {@code transB}, a float such as
 * its {@code alpha}, or a list of ints such as Transpose's {@code perm}. Immutable.
 */
public final class OnnxAttribute {
  private static final int FLOAT = 1;
  private static final int INT = 2;
  private static final int INTS = 7;

  private final String name;
  private final int type;
  private final float f;
  private final long i;
  private final long[] ints;

  private OnnxAttribute(String name, int type, float f, long i, long[] ints) {
    this.name = OnnxNames.require(name, "attribute name");
    this.type = type;
    this.f = f;
    this.i = i;
    this.ints = ints;
  }

  /** An attribute of type INT. */
  public static OnnxAttribute ofInt(String name, long value) {
    return new OnnxAttribute(name, INT, 0, value, null);
  }

  /** An attribute of type FLOAT. */
  public static OnnxAttribute ofFloat(String name, float value) {
    return new OnnxAttribute(name, FLOAT, value, 0, null);
  }

  /** An attribute of type INTS (copied). */
  public static OnnxAttribute ofInts(String name, long... values) {
    return new OnnxAttribute(name, INTS, 0, 0, Objects.requireNonNull(values, "values").clone());
  }

  public String name() {
    return name;
  }

  /** The encoded {@code AttributeProto}. */
  ProtoWriter encode() {
    ProtoWriter p = new ProtoWriter().string(1, name);
    switch (type) {
      case FLOAT:
        p.float32(2, f);
        break;
      case INT:
        p.int64(3, i);
        break;
      default:
        for (long v : ints) {
          p.int64(8, v);
        }
    }
    return p.int64(20, type);
  }
}
