package dev.linr.torchscript;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Locates the entries of a TorchScript archive (zip64 aware): which storages it holds and where
 * each entry's bytes lie in the file, so that they can be read or memory-mapped. It does not
 * unpickle {@code data.pkl}; the writer assigns storage keys "0", "1", ... in the order tensors are
 * added.
 *
 * <p>{@link #open} rejects a file that is not a zip whose entries all lie in one top folder holding
 * {@code data.pkl} and {@code version}, or whose directory is inconsistent (e.g. truncated), with
 * an IOException whose message starts with "not a TorchScript archive: ".
 */
public final class TorchScriptArchiveReader implements Closeable {
  /**
   * One zip entry.
   *
   * @param name full name in the zip, e.g. {@code "index/data/0"}
   * @param localHeaderOffset where its local header starts in the file
   * @param dataOffset where its (possibly compressed) bytes start in the file
   * @param compressedSize bytes from {@code dataOffset}
   * @param size bytes once uncompressed; equal to {@code compressedSize} if stored
   * @param crc32 CRC-32 of the uncompressed bytes
   * @param stored whether the bytes are stored uncompressed
   */
  public record Entry(
      String name,
      long localHeaderOffset,
      long dataOffset,
      long compressedSize,
      long size,
      int crc32,
      boolean stored) {}

  private final Path file;
  private final FileChannel channel;
  private final List<Entry> entries;
  private final String archiveName;

  private TorchScriptArchiveReader(Path file, FileChannel channel, List<Entry> entries)
      throws IOException {
    this.file = file;
    this.channel = channel;
    this.entries = Collections.unmodifiableList(entries);
    this.archiveName = checkLayout();
  }

  /** Opens {@code file} and reads its directory. */
  public static TorchScriptArchiveReader open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new TorchScriptArchiveReader(file, channel, ZipDirectoryReader.read(channel, file));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The top folder that holds all entries, e.g. {@code "index"}. */
  public String archiveName() {
    return archiveName;
  }

  /** All entries, in central directory order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The entry at {@code path} inside the top folder, e.g. {@code "data.pkl"}. */
  public Optional<Entry> entry(String path) {
    String name = archiveName + "/" + path;
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Keys of the tensor storages (entries {@code data/<key>}), in archive order. */
  public List<String> storageKeys() {
    String prefix = archiveName + "/data/";
    List<String> keys = new ArrayList<>();
    for (Entry e : entries) {
      if (e.name().startsWith(prefix)) {
        keys.add(e.name().substring(prefix.length()));
      }
    }
    return keys;
  }

  /**
   * The entry of the storage with {@code key}.
   *
   * @throws NoSuchElementException if there is none
   */
  public Entry storage(String key) {
    return entry("data/" + key)
        .orElseThrow(() -> new NoSuchElementException("no storage '" + key + "' in " + file));
  }

  /**
   * Reads a stored entry of at most 2 GiB and checks its CRC-32.
   *
   * @throws IllegalArgumentException if the entry is compressed or too large
   * @throws IOException if reading fails or the CRC does not match
   */
  public byte[] read(Entry entry) throws IOException {
    requireStored(entry);
    if (entry.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("entry too large to read: " + entry.name());
    }
    ByteBuffer b = ByteBuffer.allocate((int) entry.size());
    while (b.hasRemaining()) {
      if (channel.read(b, entry.dataOffset() + b.position()) < 0) {
        throw ZipDirectoryReader.corrupt(file, "entry '" + entry.name() + "' is cut off");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b.array());
    if ((int) crc.getValue() != entry.crc32()) {
      throw ZipDirectoryReader.corrupt(file, "CRC-32 mismatch in entry '" + entry.name() + "'");
    }
    return b.array();
  }

  /**
   * Maps a stored entry of at most 2 GiB read-only. The mapping stays valid after {@link #close()}.
   *
   * @throws IllegalArgumentException if the entry is compressed or too large
   */
  public MappedByteBuffer map(Entry entry) throws IOException {
    requireStored(entry);
    if (entry.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("entry too large to map at once: " + entry.name());
    }
    return channel.map(FileChannel.MapMode.READ_ONLY, entry.dataOffset(), entry.size());
  }

  /**
   * Maps {@code length} bytes of a stored entry, from {@code offset} within it, read-only; for
   * entries over 2 GiB, which must be mapped in parts. The mapping stays valid after {@link
   * #close()}.
   *
   * @throws IllegalArgumentException if the entry is compressed, the range lies outside it or is
   *     over 2 GiB
   */
  public MappedByteBuffer map(Entry entry, long offset, long length) throws IOException {
    requireStored(entry);
    if (offset < 0 || length < 0 || offset > entry.size() - length) {
      throw new IllegalArgumentException(
          "range ["
              + offset
              + ", "
              + offset
              + " + "
              + length
              + ") lies outside entry "
              + entry.name()
              + " of "
              + entry.size()
              + " bytes");
    }
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("range too large to map at once: " + length + " bytes");
    }
    return channel.map(FileChannel.MapMode.READ_ONLY, entry.dataOffset() + offset, length);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * Streams every stored entry and checks its CRC-32, so a damaged file is refused before its
   * tensors are used (libtorch itself does not check). Costs one sequential read of the file.
   *
   * @throws IOException naming the first damaged entry
   */
  public void verify() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    for (Entry e : entries) {
      if (!e.stored()) {
        continue;
      }
      CRC32 crc = new CRC32();
      long position = e.dataOffset();
      long end = e.dataOffset() + e.size();
      while (position < end) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), end - position));
        int read = channel.read(buffer, position);
        if (read < 0) {
          throw ZipDirectoryReader.corrupt(file, "entry '" + e.name() + "' is cut off");
        }
        buffer.flip();
        crc.update(buffer);
        position += read;
      }
      if ((int) crc.getValue() != e.crc32()) {
        throw ZipDirectoryReader.corrupt(file, "CRC-32 mismatch in entry '" + e.name() + "'");
      }
    }
  }

  private String checkLayout() throws IOException {
    if (entries.isEmpty()) {
      throw ZipDirectoryReader.corrupt(file, "no entries");
    }
    String first = entries.get(0).name();
    int slash = first.indexOf('/');
    if (slash <= 0) {
      throw ZipDirectoryReader.corrupt(file, "entry '" + first + "' is not in a top folder");
    }
    String top = first.substring(0, slash);
    for (Entry e : entries) {
      if (!e.name().startsWith(top + "/")) {
        throw ZipDirectoryReader.corrupt(file, "entry '" + e.name() + "' is outside " + top + "/");
      }
    }
    for (String required : List.of("data.pkl", "version")) {
      String name = top + "/" + required;
      if (entries.stream().noneMatch(e -> e.name().equals(name))) {
        throw ZipDirectoryReader.corrupt(file, "missing " + name);
      }
    }
    return top;
  }

  private static void requireStored(Entry entry) {
    if (!entry.stored()) {
      throw new IllegalArgumentException("entry is compressed: " + entry.name());
    }
  }
}
