package dev.linr.torchscript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32;

/**
 * The channel that receives one zip entry's content: appends it to the file through a buffer,
 * updates a CRC-32 and refuses to go beyond the declared size.
 */
final class CrcCountingChannel implements WritableByteChannel {
  private final FileChannel target;
  private final ByteBuffer buffer;
  private final String entryName;
  private final long declaredSize;
  private final CRC32 crc = new CRC32();
  private long count;

  /**
   * @param buffer an empty buffer, in write mode, used to batch small writes
   */
  CrcCountingChannel(FileChannel target, ByteBuffer buffer, String entryName, long declaredSize) {
    this.target = target;
    this.buffer = buffer;
    this.entryName = entryName;
    this.declaredSize = declaredSize;
  }

  /**
   * @throws IllegalStateException if this would make the content longer than declared
   */
  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (n > declaredSize - count) {
      throw new IllegalStateException(
          "zip entry '"
              + entryName
              + "': content is longer than the declared "
              + declaredSize
              + " bytes");
    }
    crc.update(src.duplicate());
    if (n > buffer.remaining()) {
      flush();
    }
    if (n >= buffer.capacity()) {
      writeFully(src);
    } else {
      buffer.put(src);
    }
    count += n;
    return n;
  }

  /**
   * Flushes the buffer and returns the CRC-32 of the content.
   *
   * @throws IllegalStateException if the content is shorter than declared
   */
  int finish() throws IOException {
    flush();
    if (count != declaredSize) {
      throw new IllegalStateException(
          "zip entry '"
              + entryName
              + "': content is shorter than declared: "
              + count
              + " of "
              + declaredSize
              + " bytes");
    }
    return (int) crc.getValue();
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  /** Does nothing: the entry ends when the writer says so. */
  @Override
  public void close() {}

  private void flush() throws IOException {
    buffer.flip();
    writeFully(buffer);
    buffer.clear();
  }

  private void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      target.write(src);
    }
  }
}
