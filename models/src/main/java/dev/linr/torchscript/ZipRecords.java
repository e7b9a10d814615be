package dev.linr.torchscript;

import static dev.linr.torchscript.ZipConstants.CENTRAL_HEADER_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.CENTRAL_HEADER_SIZE;
import static dev.linr.torchscript.ZipConstants.DOS_DATE;
import static dev.linr.torchscript.ZipConstants.DOS_TIME;
import static dev.linr.torchscript.ZipConstants.END_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.END_SIZE;
import static dev.linr.torchscript.ZipConstants.FLAG_UTF8;
import static dev.linr.torchscript.ZipConstants.LOCAL_HEADER_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.LOCAL_HEADER_SIZE;
import static dev.linr.torchscript.ZipConstants.MAGIC16;
import static dev.linr.torchscript.ZipConstants.MAGIC32;
import static dev.linr.torchscript.ZipConstants.METHOD_STORED;
import static dev.linr.torchscript.ZipConstants.PADDING_EXTRA_ID;
import static dev.linr.torchscript.ZipConstants.VERSION_DEFAULT;
import static dev.linr.torchscript.ZipConstants.VERSION_ZIP64;
import static dev.linr.torchscript.ZipConstants.ZIP64_END_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.ZIP64_END_SIZE;
import static dev.linr.torchscript.ZipConstants.ZIP64_EXTRA_ID;
import static dev.linr.torchscript.ZipConstants.ZIP64_LOCATOR_SIGNATURE;
import static dev.linr.torchscript.ZipConstants.ZIP64_LOCATOR_SIZE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes the records of a zip file whose entries are all STORED. A field whose value is at least
 * the zip64 threshold is written as {@link ZipConstants#MAGIC32}, with the value in a zip64 extra
 * field or record.
 */
final class ZipRecords {
  /** One written entry, as the central directory describes it. */
  record Entry(byte[] name, long size, int crc, long localHeaderOffset) {}

  private ZipRecords() {}

  /**
   * The local header for an entry at {@code offset}, with CRC 0 (patched once known) and a padding
   * extra field that makes the data start at a multiple of {@code alignment}.
   */
  static ByteBuffer localHeader(
      byte[] name, long size, long offset, long threshold, int alignment) {
    boolean zip64 = size >= threshold;
    int zip64Length = zip64 ? 4 + 16 : 0;
    long unpadded = offset + LOCAL_HEADER_SIZE + name.length + zip64Length + 4;
    int padding = (int) Math.floorMod(-unpadded, (long) alignment);
    int extraLength = zip64Length + 4 + padding;
    ByteBuffer b = allocate(LOCAL_HEADER_SIZE + name.length + extraLength);
    b.putInt(LOCAL_HEADER_SIGNATURE);
    b.putShort((short) (zip64 ? VERSION_ZIP64 : VERSION_DEFAULT));
    b.putShort((short) FLAG_UTF8).putShort((short) METHOD_STORED);
    b.putShort((short) DOS_TIME).putShort((short) DOS_DATE);
    b.putInt(0);
    b.putInt((int) (zip64 ? MAGIC32 : size)).putInt((int) (zip64 ? MAGIC32 : size));
    b.putShort((short) name.length).putShort((short) extraLength);
    b.put(name);
    if (zip64) {
      b.putShort((short) ZIP64_EXTRA_ID).putShort((short) 16).putLong(size).putLong(size);
    }
    b.putShort((short) PADDING_EXTRA_ID).putShort((short) padding);
    for (int i = 0; i < padding; i++) {
      b.put((byte) 'Z');
    }
    return b.flip();
  }

  /** Whether the central header of {@code e} needs a zip64 extra field. */
  static boolean needsZip64(Entry e, long threshold) {
    return e.size() >= threshold || e.localHeaderOffset() >= threshold;
  }

  /**
   * The central header of {@code e}. If its size or offset needs zip64, all three are deferred to
   * the zip64 extra field: miniz (libtorch) checks a 32-bit offset against the file size unless the
   * compressed size is deferred too.
   */
  static ByteBuffer centralHeader(Entry e, long threshold) {
    boolean zip64 = needsZip64(e, threshold);
    int extraLength = zip64 ? 4 + 24 : 0;
    ByteBuffer b = allocate(CENTRAL_HEADER_SIZE + e.name().length + extraLength);
    b.putInt(CENTRAL_HEADER_SIGNATURE);
    b.putShort((short) VERSION_ZIP64).putShort((short) (zip64 ? VERSION_ZIP64 : VERSION_DEFAULT));
    b.putShort((short) FLAG_UTF8).putShort((short) METHOD_STORED);
    b.putShort((short) DOS_TIME).putShort((short) DOS_DATE);
    b.putInt(e.crc());
    b.putInt((int) (zip64 ? MAGIC32 : e.size())).putInt((int) (zip64 ? MAGIC32 : e.size()));
    b.putShort((short) e.name().length).putShort((short) extraLength);
    b.putShort((short) 0); // comment length
    b.putShort((short) 0); // disk number
    b.putShort((short) 0); // internal attributes
    b.putInt(0); // external attributes
    b.putInt((int) (zip64 ? MAGIC32 : e.localHeaderOffset()));
    b.put(e.name());
    if (zip64) {
      b.putShort((short) ZIP64_EXTRA_ID).putShort((short) 24);
      b.putLong(e.size()).putLong(e.size()).putLong(e.localHeaderOffset());
    }
    return b.flip();
  }

  /**
   * The records after the central directory: a zip64 end record and locator if {@code zip64} or any
   * value needs them, then the end of central directory record.
   *
   * @param position where these records start, right after the central directory
   */
  static ByteBuffer end(
      long cdOffset, long cdSize, long count, long position, boolean zip64, long threshold) {
    boolean bigOffset = cdOffset >= threshold;
    boolean bigSize = cdSize >= threshold;
    boolean bigCount = count >= MAGIC16;
    boolean withZip64 = zip64 || bigOffset || bigSize || bigCount;
    ByteBuffer b = allocate((withZip64 ? ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE : 0) + END_SIZE);
    if (withZip64) {
      b.putInt(ZIP64_END_SIGNATURE).putLong(ZIP64_END_SIZE - 12);
      b.putShort((short) VERSION_ZIP64).putShort((short) VERSION_ZIP64);
      b.putInt(0).putInt(0); // this disk, disk with the central directory
      b.putLong(count).putLong(count).putLong(cdSize).putLong(cdOffset);
      b.putInt(ZIP64_LOCATOR_SIGNATURE).putInt(0).putLong(position).putInt(1);
    }
    b.putInt(END_SIGNATURE).putShort((short) 0).putShort((short) 0);
    short shortCount = (short) (bigCount ? MAGIC16 : count);
    b.putShort(shortCount).putShort(shortCount);
    b.putInt((int) (bigSize ? MAGIC32 : cdSize)).putInt((int) (bigOffset ? MAGIC32 : cdOffset));
    b.putShort((short) 0); // comment length
    return b.flip();
  }

  private static ByteBuffer allocate(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
