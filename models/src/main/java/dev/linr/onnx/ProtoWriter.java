package dev.linr.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes protocol buffer messages in the wire format, field by field, into memory: varints (wire
 * type 0) for integer, enum and bool fields, 32-bit little-endian (wire type 5) for float fields,
 * and length-delimited records (wire type 2) for strings, bytes and nested messages. Fields are
 * written in the order the methods are called; repeated fields are written one record per value
 * (unpacked), as proto2 files such as {@code onnx.proto} declare them. Not thread-safe.
 *
 * <pre>{@code
 * byte[] opset = new ProtoWriter().int64(2, 13).toByteArray(); // OperatorSetIdProto{version: 13}
 * }</pre>
 */
public final class ProtoWriter {
  static final int VARINT = 0;
  static final int FIXED32 = 5;
  static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An int64, int32, enum or bool field: negative values take ten bytes, as protobuf does. */
  public ProtoWriter int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  /** A float field: four bytes, little-endian IEEE 754. */
  public ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    out.write(bits);
    out.write(bits >>> 8);
    out.write(bits >>> 16);
    out.write(bits >>> 24);
    return this;
  }

  /** A bytes field. */
  public ProtoWriter bytes(int field, byte[] value) {
    Objects.requireNonNull(value, "value");
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A string field, UTF-8. */
  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A nested message field: the encoded message, length-delimited. */
  public ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  /** The number of bytes written so far. */
  public int size() {
    return out.size();
  }

  private void tag(int field, int wireType) {
    if (field < 1 || field > (1 << 29) - 1) {
      throw new IllegalArgumentException("field number must be in [1, 2^29 - 1], got: " + field);
    }
    varint(((long) field << 3) | wireType);
  }

  /**
   * Base-128 varint: seven bits per byte, least significant first, high bit set on all but last.
   */
  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
