package dev.linr.torchscript;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a zip file of uncompressed (STORED) entries, each of whose data starts at a multiple of
 * {@value #ALIGNMENT} bytes from the start of the file, as PyTorch's archive writer does. Entry
 * content is streamed through a small buffer, never held in memory as a whole; its CRC-32 is
 * computed on the way and patched into the local header afterwards.
 *
 * <p>Sizes and offsets of 0xFFFFFFFF or more are written with zip64 extra fields (local and
 * central) and a zip64 end of central directory record and locator. Tests lower that threshold
 * through the package-private constructor; real archives over 4 GiB are exercised by the benchmark.
 *
 * <p>Not thread-safe. If writing an entry fails, the file is incomplete: the writer refuses further
 * entries, and both {@link #close()} and {@link #abort()} delete the file.
 */
public final class ZipStreamWriter implements Closeable {
  /** Alignment of every entry's data, in bytes. */
  public static final int ALIGNMENT = 64;

  /** Sizes and offsets from this value up are written as zip64. */
  static final long ZIP64_THRESHOLD = 0xFFFFFFFFL;

  private static final int BUFFER_SIZE = 1 << 20;

  /** Writes the content of one entry. */
  @FunctionalInterface
  public interface Content {
    /** Writes all bytes of the entry to {@code out}, which must not be closed. */
    void writeTo(WritableByteChannel out) throws IOException;
  }

  private enum State {
    OPEN,
    FAILED,
    FINISHED,
    ABORTED
  }

  private final Path file;
  private final FileChannel channel;
  private final long zip64Threshold;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private final List<ZipRecords.Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private boolean anyZip64;
  private State state = State.OPEN;

  /** Creates {@code file}, replacing an existing one. */
  public ZipStreamWriter(Path file) throws IOException {
    this(file, ZIP64_THRESHOLD);
  }

  /**
   * @param zip64Threshold sizes and offsets from this value up use zip64 records; at most
   *     0xFFFFFFFF, lower only to test zip64 with small files
   */
  ZipStreamWriter(Path file, long zip64Threshold) throws IOException {
    if (zip64Threshold < 1 || zip64Threshold > ZIP64_THRESHOLD) {
      throw new IllegalArgumentException("zip64 threshold out of range: " + zip64Threshold);
    }
    this.file = Objects.requireNonNull(file, "file");
    this.zip64Threshold = zip64Threshold;
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
  }

  /**
   * Writes an entry of {@code size} bytes that {@code content} produces.
   *
   * @throws IllegalArgumentException for an empty, too long or duplicate name or a negative size;
   *     the writer stays usable
   * @throws IllegalStateException if the content is longer or shorter than {@code size} (the
   *     message names the entry) or the writer is not open
   * @throws IOException if writing fails
   */
  public void writeEntry(String name, long size, Content content) throws IOException {
    requireOpen();
    byte[] nameBytes = checkName(name);
    if (size < 0) {
      throw new IllegalArgumentException("negative size for zip entry '" + name + "'");
    }
    Objects.requireNonNull(content, "content");
    names.add(name);
    boolean done = false;
    try {
      long offset = channel.position();
      writeFully(ZipRecords.localHeader(nameBytes, size, offset, zip64Threshold, ALIGNMENT));
      CrcCountingChannel out = new CrcCountingChannel(channel, buffer.clear(), name, size);
      content.writeTo(out);
      int crc = out.finish();
      ByteBuffer crcField = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
      channel.write(crcField.flip(), offset + ZipConstants.LOCAL_HEADER_CRC_OFFSET);
      ZipRecords.Entry entry = new ZipRecords.Entry(nameBytes, size, crc, offset);
      anyZip64 |= ZipRecords.needsZip64(entry, zip64Threshold);
      entries.add(entry);
      done = true;
    } finally {
      if (!done) {
        state = State.FAILED;
      }
    }
  }

  /** Writes an entry with the given bytes. */
  public void writeEntry(String name, byte[] data) throws IOException {
    writeEntry(name, data.length, out -> out.write(ByteBuffer.wrap(data)));
  }

  /**
   * Writes the central directory and closes the file. Does nothing if already finished or aborted.
   *
   * @throws IOException if an earlier entry failed (the file is deleted) or writing fails (the file
   *     is deleted as well)
   */
  @Override
  public void close() throws IOException {
    if (state == State.FINISHED || state == State.ABORTED) {
      return;
    }
    if (state == State.FAILED) {
      abort();
      throw new IOException(
          "zip file " + file + " was not completed because writing an entry failed; deleted it");
    }
    boolean done = false;
    try {
      long cdOffset = channel.position();
      for (ZipRecords.Entry entry : entries) {
        writeFully(ZipRecords.centralHeader(entry, zip64Threshold));
      }
      long position = channel.position();
      writeFully(
          ZipRecords.end(
              cdOffset, position - cdOffset, entries.size(), position, anyZip64, zip64Threshold));
      channel.close();
      state = State.FINISHED;
      done = true;
    } finally {
      if (!done) {
        abort();
      }
    }
  }

  /**
   * Closes and deletes the file, unless {@link #close()} completed it; use it when writing the
   * archive fails.
   */
  public void abort() throws IOException {
    if (state == State.FINISHED || state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "zip writer for " + file + " is " + state.name().toLowerCase() + "; no more entries");
    }
  }

  private byte[] checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("empty zip entry name");
    }
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("zip entry name too long: " + name);
    }
    if (names.contains(name)) {
      throw new IllegalArgumentException("duplicate zip entry '" + name + "'");
    }
    return bytes;
  }

  private void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      channel.write(src);
    }
  }
}
