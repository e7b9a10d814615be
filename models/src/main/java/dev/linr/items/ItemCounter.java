package dev.linr.items;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts items by scanning bytes, without parsing: non-blank lines of JSON Lines, non-blank records
 * of CSV (newlines inside quotes do not end a record) less the header. Agrees with the readers on
 * any input they accept.
 */
final class ItemCounter {
  private ItemCounter() {}

  /** Items in the metadata (or JSON Lines) file of {@code files}. */
  static long count(ItemFiles files) throws IOException {
    return files.format() == ItemFiles.Format.CSV
        ? Math.max(0, countRecords(files.items(), true) - 1)
        : countRecords(files.items(), false);
  }

  /** Lines (records, if {@code csv}) holding anything but spaces and tabs. */
  static long countRecords(Path file, boolean csv) throws IOException {
    long count = 0;
    boolean content = false;
    boolean quoted = false;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      boolean first = true;
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        int i = 0;
        if (first
            && n >= 3
            && buf[0] == (byte) 0xEF
            && buf[1] == (byte) 0xBB
            && buf[2] == (byte) 0xBF) {
          i = 3;
        }
        first = false;
        for (; i < n; i++) {
          byte b = buf[i];
          if (csv && b == '"') {
            quoted = !quoted;
            content = true;
          } else if ((b == '\n' || b == '\r') && !quoted) {
            if (content) {
              count++;
            }
            content = false;
          } else if (b != ' ' && b != '\t') {
            content = true;
          }
        }
      }
    }
    return content ? count + 1 : count;
  }
}
