package dev.linr.torchscript;

/** Record signatures, sizes and field values of the zip format (PKWARE APPNOTE 6.3). */
final class ZipConstants {
  static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
  static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
  static final int END_SIGNATURE = 0x06054b50;
  static final int ZIP64_END_SIGNATURE = 0x06064b50;
  static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

  static final int LOCAL_HEADER_SIZE = 30;
  static final int LOCAL_HEADER_CRC_OFFSET = 14;
  static final int CENTRAL_HEADER_SIZE = 46;
  static final int END_SIZE = 22;
  static final int ZIP64_END_SIZE = 56;
  static final int ZIP64_LOCATOR_SIZE = 20;
  static final int MAX_COMMENT_LENGTH = 0xFFFF;

  /** Extra field with 64-bit sizes and offset. */
  static final int ZIP64_EXTRA_ID = 0x0001;

  /** Extra field of 'Z' bytes that PyTorch uses to align entry data ("FB"). */
  static final int PADDING_EXTRA_ID = 0x4246;

  /** Marks a 32-bit field whose value is in the zip64 extra field or record. */
  static final long MAGIC32 = 0xFFFFFFFFL;

  static final int MAGIC16 = 0xFFFF;
  static final int FLAG_UTF8 = 0x0800;
  static final int METHOD_STORED = 0;
  static final int VERSION_DEFAULT = 20;
  static final int VERSION_ZIP64 = 45;

  /** 1980-01-01 00:00, so that archives do not depend on the clock. */
  static final int DOS_DATE = 0x0021;

  static final int DOS_TIME = 0;

  private ZipConstants() {}
}
