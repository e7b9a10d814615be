package dev.linr.torchscript;

import static dev.linr.torchscript.ZipConstants.CENTRAL_HEADER_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.CENTRAL_HEADER_SIZE;
import static dev.linr.torchscript.ZipConstants.END_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.END_SIZE;
import static dev.linr.torchscript.ZipConstants.LOCAL_HEADER_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.LOCAL_HEADER_SIZE;
import static dev.linr.torchscript.ZipConstants.MAGIC32;
import static dev.linr.torchscript.ZipConstants.MAX_COMMENT_LENGTH;
import static dev.linr.torchscript.ZipConstants.METHOD_STORED;
import static dev.linr.torchscript.ZipConstants.ZIP64_END_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.ZIP64_END_SIZE;
import static dev.linr.torchscript.ZipConstants.ZIP64_EXTRA_ID;
import static dev.linr.torchscript.ZipConstants.ZIP64_LOCATOR_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.ZIP64_LOCATOR_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the central directory of a zip file (zip64 aware) and each entry's local header, to find
 * where every entry's data lies. Any inconsistency, such as a truncated file, is an IOException
 * whose message starts with "not a TorchScript archive: ".
 */
final class ZipDirectoryReader {
  private final FileChannel channel;
  private final Path file;

  private ZipDirectoryReader(FileChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
  }

  /** The entries of the zip file open as {@code channel}, in central directory order. */
  static List<TorchScriptArchiveReader.Entry> read(FileChannel channel, Path file)
      throws IOException {
    return new ZipDirectoryReader(channel, file).entries();
  }

  /** The exception for a file that is not a well-formed archive. */
  static IOException corrupt(Path file, String reason) {
    return new IOException("not a TorchScript archive: " + file + ": " + reason);
  }

  private List<TorchScriptArchiveReader.Entry> entries() throws IOException {
    long fileSize = channel.size();
    if (fileSize < END_SIZE) {
      throw corrupt("file too short (" + fileSize + " bytes)");
    }
    int tailLength = (int) Math.min(fileSize, END_SIZE + MAX_COMMENT_LENGTH);
    ByteBuffer tail = readAt(fileSize - tailLength, tailLength);
    int end = findEnd(tail);
    long endOffset = fileSize - tailLength + end;
    long count = Short.toUnsignedLong(tail.getShort(end + 10));
    long cdSize = Integer.toUnsignedLong(tail.getInt(end + 12));
    long cdOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
    long cdEnd = endOffset;
    if (endOffset >= ZIP64_LOCATOR_SIZE) {
      ByteBuffer locator = readAt(endOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
      if (locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
        long zip64End = locator.getLong(8);
        if (zip64End < 0 || zip64End > endOffset - ZIP64_LOCATOR_SIZE - ZIP64_END_SIZE) {
          throw corrupt("zip64 end record offset out of bounds: " + zip64End);
        }
        ByteBuffer record = readAt(zip64End, ZIP64_END_SIZE);
        if (record.getInt(0) != ZIP64_END_SIGNATURE) {
          throw corrupt("bad zip64 end record signature");
        }
        count = record.getLong(32);
        cdSize = record.getLong(40);
        cdOffset = record.getLong(48);
        cdEnd = zip64End;
      }
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset > cdEnd || cdEnd - cdOffset != cdSize) {
      throw corrupt(
          "central directory (offset "
              + cdOffset
              + ", "
              + cdSize
              + " bytes) does not end at "
              + cdEnd);
    }
    if (cdSize > Integer.MAX_VALUE || count > cdSize / CENTRAL_HEADER_SIZE) {
      throw corrupt("implausible central directory: " + count + " entries in " + cdSize + " bytes");
    }
    ByteBuffer cd = readAt(cdOffset, (int) cdSize);
    List<TorchScriptArchiveReader.Entry> entries = new ArrayList<>();
    int position = 0;
    for (long i = 0; i < count; i++) {
      position = readCentralHeader(cd, position, cdOffset, entries);
    }
    if (position != cd.limit()) {
      throw corrupt("central directory has " + (cd.limit() - position) + " unexpected bytes");
    }
    return entries;
  }

  private int findEnd(ByteBuffer tail) throws IOException {
    for (int i = tail.limit() - END_SIZE; i >= 0; i--) {
      if (tail.getInt(i) == END_SIGNATURE
          && i + END_SIZE + Short.toUnsignedInt(tail.getShort(i + 20)) == tail.limit()) {
        return i;
      }
    }
    throw corrupt("no end of central directory record (truncated or not a zip file)");
  }

  /** Parses the central header at {@code p}, adds its entry and returns the next position. */
  private int readCentralHeader(
      ByteBuffer cd, int p, long cdOffset, List<TorchScriptArchiveReader.Entry> out)
      throws IOException {
    if (p > cd.limit() - CENTRAL_HEADER_SIZE || cd.getInt(p) != CENTRAL_HEADER_SIGNATURE) {
      throw corrupt("bad central directory header at offset " + (cdOffset + p));
    }
    int method = Short.toUnsignedInt(cd.getShort(p + 10));
    int crc = cd.getInt(p + 16);
    long compressedSize = Integer.toUnsignedLong(cd.getInt(p + 20));
    long size = Integer.toUnsignedLong(cd.getInt(p + 24));
    int nameLength = Short.toUnsignedInt(cd.getShort(p + 28));
    int extraLength = Short.toUnsignedInt(cd.getShort(p + 30));
    int commentLength = Short.toUnsignedInt(cd.getShort(p + 32));
    long localOffset = Integer.toUnsignedLong(cd.getInt(p + 42));
    int next = p + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > cd.limit()) {
      throw corrupt("central directory header at offset " + (cdOffset + p) + " is cut off");
    }
    byte[] name = new byte[nameLength];
    cd.get(p + CENTRAL_HEADER_SIZE, name);
    String entryName = new String(name, StandardCharsets.UTF_8);
    if (size == MAGIC32 || compressedSize == MAGIC32 || localOffset == MAGIC32) {
      ByteBuffer zip64 = findZip64Extra(cd, p + CENTRAL_HEADER_SIZE + nameLength, extraLength);
      if (zip64 == null) {
        throw corrupt("entry '" + entryName + "' lacks its zip64 extra field");
      }
      try {
        size = size == MAGIC32 ? zip64.getLong() : size;
        compressedSize = compressedSize == MAGIC32 ? zip64.getLong() : compressedSize;
        localOffset = localOffset == MAGIC32 ? zip64.getLong() : localOffset;
      } catch (java.nio.BufferUnderflowException e) {
        throw corrupt("entry '" + entryName + "' has a short zip64 extra field");
      }
    }
    long dataOffset = dataOffset(entryName, name, localOffset, cdOffset);
    if (compressedSize < 0 || compressedSize > cdOffset - dataOffset) {
      throw corrupt("data of entry '" + entryName + "' extends past the central directory");
    }
    boolean stored = method == METHOD_STORED;
    if (stored && compressedSize != size) {
      throw corrupt("stored entry '" + entryName + "' has different sizes");
    }
    out.add(
        new TorchScriptArchiveReader.Entry(
            entryName, localOffset, dataOffset, compressedSize, size, crc, stored));
    return next;
  }

  /** The data of the zip64 extra field among the extra fields at {@code start}, or null. */
  private static ByteBuffer findZip64Extra(ByteBuffer cd, int start, int length) {
    int p = start;
    while (p + 4 <= start + length) {
      int id = Short.toUnsignedInt(cd.getShort(p));
      int size = Short.toUnsignedInt(cd.getShort(p + 2));
      if (p + 4 + size > start + length) {
        return null;
      }
      if (id == ZIP64_EXTRA_ID) {
        return cd.slice(p + 4, size).order(ByteOrder.LITTLE_ENDIAN);
      }
      p += 4 + size;
    }
    return null;
  }

  /** Checks the local header at {@code offset} and returns where the entry's data starts. */
  private long dataOffset(String entryName, byte[] name, long offset, long cdOffset)
      throws IOException {
    if (offset < 0 || offset > cdOffset - LOCAL_HEADER_SIZE) {
      throw corrupt("local header of entry '" + entryName + "' out of bounds: " + offset);
    }
    ByteBuffer header = readAt(offset, LOCAL_HEADER_SIZE);
    if (header.getInt(0) != LOCAL_HEADER_SIGNATURE) {
      throw corrupt("bad local header signature for entry '" + entryName + "'");
    }
    int nameLength = Short.toUnsignedInt(header.getShort(26));
    int extraLength = Short.toUnsignedInt(header.getShort(28));
    long dataOffset = offset + LOCAL_HEADER_SIZE + nameLength + extraLength;
    if (nameLength != name.length || dataOffset > cdOffset) {
      throw corrupt("local header of entry '" + entryName + "' does not match");
    }
    ByteBuffer localName = readAt(offset + LOCAL_HEADER_SIZE, nameLength);
    if (!localName.equals(ByteBuffer.wrap(name))) {
      throw corrupt("local header of entry '" + entryName + "' has another name");
    }
    return dataOffset;
  }

  private ByteBuffer readAt(long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (channel.read(b, position + b.position()) < 0) {
        throw new EOFException("unexpected end of " + file);
      }
    }
    return b.flip();
  }

  private IOException corrupt(String reason) {
    return corrupt(file, reason);
  }
}
