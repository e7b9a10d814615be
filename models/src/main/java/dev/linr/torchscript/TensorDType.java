package dev.linr.torchscript;

/**
 * Element types a TorchScript archive can hold, with their width in bytes and the name of the
 * {@code torch} storage class that the pickle refers to.
 */
public enum TensorDType {
  FLOAT32(4, "FloatStorage"),
  FLOAT16(2, "HalfStorage"),
  BFLOAT16(2, "BFloat16Storage"),
  FLOAT64(8, "DoubleStorage"),
  INT64(8, "LongStorage"),
  INT32(4, "IntStorage"),
  INT16(2, "ShortStorage"),
  INT8(1, "CharStorage"),
  UINT8(1, "ByteStorage"),
  /** One byte per element, which must be 0 or 1. */
  BOOL(1, "BoolStorage");

  private final int bytes;
  private final String storageClass;

  TensorDType(int bytes, String storageClass) {
    this.bytes = bytes;
    this.storageClass = storageClass;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Name of the storage class in module {@code torch}, e.g. {@code "HalfStorage"}. */
  public String storageClass() {
    return storageClass;
  }
}
