package dev.linr.torchscript;

import java.util.Arrays;
import java.util.Objects;

/**
 * Shape, contiguous strides, element count and byte size of a tensor stored from offset 0 of its
 * own storage.
 */
final class TensorLayout {
  private final TensorDType dtype;
  private final long[] shape;
  private final long[] strides;
  private final long numel;
  private final long byteSize;

  private TensorLayout(TensorDType dtype, long[] shape, long[] strides, long numel, long byteSize) {
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.numel = numel;
    this.byteSize = byteSize;
  }

  /**
   * Validates a shape (no negative dimensions, byte size within {@code long}) and computes
   * row-major strides the way PyTorch does: a dimension of size 0 counts as 1 for the strides
   * before it.
   *
   * @throws IllegalArgumentException for a negative dimension or a size that overflows
   */
  static TensorLayout contiguous(TensorDType dtype, long[] shape) {
    Objects.requireNonNull(dtype, "dtype");
    long[] dims = Objects.requireNonNull(shape, "shape").clone();
    long[] strides = new long[dims.length];
    long numel = 1;
    long stride = 1;
    try {
      for (int i = dims.length - 1; i >= 0; i--) {
        if (dims[i] < 0) {
          throw new IllegalArgumentException(
              "negative dimension in shape " + Arrays.toString(dims));
        }
        strides[i] = stride;
        stride = Math.multiplyExact(stride, Math.max(dims[i], 1));
        numel = Math.multiplyExact(numel, dims[i]);
      }
      return new TensorLayout(
          dtype, dims, strides, numel, Math.multiplyExact(numel, (long) dtype.bytes()));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("tensor too large: shape " + Arrays.toString(dims), e);
    }
  }

  TensorDType dtype() {
    return dtype;
  }

  long[] shape() {
    return shape.clone();
  }

  long[] strides() {
    return strides.clone();
  }

  long numel() {
    return numel;
  }

  long byteSize() {
    return byteSize;
  }

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
