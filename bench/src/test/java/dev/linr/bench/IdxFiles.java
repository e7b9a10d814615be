package dev.linr.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files of unsigned bytes for tests, gzip-compressed when the name ends in .gz. */
final class IdxFiles {
  private IdxFiles() {}

  static Path write(Path file, byte[] data, int... dims) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream z = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        DataOutputStream out = new DataOutputStream(z)) {
      out.writeInt((IdxFile.UNSIGNED_BYTE << 8) | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
    return file;
  }
}
