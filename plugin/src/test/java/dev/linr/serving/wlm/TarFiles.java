package dev.linr.serving.wlm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes a folder as an uncompressed {@code .tar} with the folder as its one top-level entry. */
final class TarFiles {
  private TarFiles() {}

  static void write(Path folder, Path tar) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream raw = Files.newOutputStream(tar);
        TarArchiveOutputStream out = new TarArchiveOutputStream(raw)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path f : files) {
        String name = folder.getFileName() + "/" + folder.relativize(f).toString();
        out.putArchiveEntry(new TarArchiveEntry(f.toFile(), name));
        Files.copy(f, out);
        out.closeArchiveEntry();
      }
    }
  }
}
