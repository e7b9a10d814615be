package dev.linr.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered little-endian writer for one tensor's raw bytes on disk, so that the builder streams
 * every buffer instead of holding it in a Java array. Not thread-safe.
 */
final class SpillFile implements Closeable, RowOut {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private long written;

  SpillFile(Path path) throws IOException {
    this.path = path;
    this.channel =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
  }

  Path path() {
    return path;
  }

  /** Bytes written so far. */
  long size() {
    return written + buffer.position();
  }

  @Override
  public void putByte(int v) throws IOException {
    room(1).put((byte) v);
  }

  @Override
  public void putShort(int v) throws IOException {
    room(2).putShort((short) v);
  }

  @Override
  public void putInt(int v) throws IOException {
    room(4).putInt(v);
  }

  @Override
  public void putLong(long v) throws IOException {
    room(8).putLong(v);
  }

  @Override
  public void putFloat(float v) throws IOException {
    room(4).putFloat(v);
  }

  @Override
  public void putDouble(double v) throws IOException {
    room(8).putDouble(v);
  }

  /** Appends {@code n} zero bytes. */
  void zeros(long n) throws IOException {
    while (n > 0) {
      int step = (int) Math.min(n, BUFFER_BYTES);
      ByteBuffer b = room(Math.min(step, BUFFER_BYTES));
      int take = Math.min(step, b.remaining());
      for (int i = 0; i < take; i++) {
        b.put((byte) 0);
      }
      n -= take;
    }
  }

  private ByteBuffer room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
    return buffer;
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      written += channel.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
