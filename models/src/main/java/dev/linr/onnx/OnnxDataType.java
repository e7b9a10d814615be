package dev.linr.onnx;

/**
 * The element types of ONNX tensors this writer supports, with their {@code TensorProto.DataType}
 * codes.
 */
public enum OnnxDataType {
  FLOAT(1, 4),
  INT64(7, 8);

  private final int code;
  private final int bytes;

  OnnxDataType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The {@code TensorProto.DataType} value. */
  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }
}
