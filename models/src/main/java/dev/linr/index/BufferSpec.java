package dev.linr.index;

import dev.linr.torchscript.TensorDType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor buffer of the index model.
 *
 * @param name the module attribute name (a TorchScript identifier)
 * @param dtype element type
 * @param shape dimensions; the first is the slot capacity for per-item buffers
 * @param role what the buffer holds, for {@code linr inspect} (e.g. "embeddings", "attribute geo")
 */
public record BufferSpec(String name, TensorDType dtype, long[] shape, String role) {
  public BufferSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public long numel() {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** Size in bytes. */
  public long bytes() {
    return Math.multiplyExact(numel(), (long) dtype.bytes());
  }

  /** TorchScript type annotation line for the class body. */
  String declaration() {
    return "  " + name + " : Tensor";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferSpec b
        && name.equals(b.name)
        && dtype == b.dtype
        && Arrays.equals(shape, b.shape)
        && Objects.equals(role, b.role);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), role);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }
}
