package dev.linr.index;

import dev.linr.torchscript.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the little-endian cells of one buffer's rows go: a build's spill file ({@link SpillFile})
 * or a live update's row ({@link #of(ByteBuffer)}). See {@link RowEncoding}.
 */
interface RowOut {
  void putByte(int v) throws IOException;

  void putShort(int v) throws IOException;

  void putInt(int v) throws IOException;

  void putLong(long v) throws IOException;

  void putFloat(float v) throws IOException;

  void putDouble(double v) throws IOException;

  /** Appends an integer in the given integer tensor type (int8 to int64). */
  default void putInteger(TensorDType type, long v) throws IOException {
    switch (type) {
      case INT8:
      case UINT8:
      case BOOL:
        putByte((int) v);
        break;
      case INT16:
        putShort((int) v);
        break;
      case INT32:
        putInt((int) v);
        break;
      case INT64:
        putLong(v);
        break;
      default:
        throw new IllegalArgumentException("not an integer type: " + type);
    }
  }

  /** Writes into a buffer (in its byte order) at its position. */
  static RowOut of(ByteBuffer out) {
    return new RowOut() {
      @Override
      public void putByte(int v) {
        out.put((byte) v);
      }

      @Override
      public void putShort(int v) {
        out.putShort((short) v);
      }

      @Override
      public void putInt(int v) {
        out.putInt(v);
      }

      @Override
      public void putLong(long v) {
        out.putLong(v);
      }

      @Override
      public void putFloat(float v) {
        out.putFloat(v);
      }

      @Override
      public void putDouble(double v) {
        out.putDouble(v);
      }
    };
  }
}
