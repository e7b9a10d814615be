package dev.linr.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Packs a model folder into a {@code .zip} or {@code .tar.gz} whose single top-level folder is the
 * model's name, as DJL Serving expects. Writes to a temporary file and renames it into place, so a
 * failure never leaves a partial archive.
 */
public final class ArchivePacker {
  private ArchivePacker() {}

  /** Packs {@code modelDir} into {@code out} (format from its file name). */
  public static void pack(Path modelDir, Path out) throws IOException {
    ArchiveFormat format = ArchiveFormat.of(out);
    Path tmp = out.resolveSibling("." + out.getFileName() + ".partial");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp)) {
        if (format == ArchiveFormat.ZIP) {
          zip(modelDir, raw);
        } else if (format == ArchiveFormat.TAR_GZ) {
          tarGz(modelDir, raw);
        } else {
          throw new IllegalArgumentException(out + ": pack into a .zip or .tar.gz file");
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  private static String entryName(Path modelDir, Path file) {
    String rel = modelDir.relativize(file).toString().replace('\\', '/');
    return modelDir.getFileName() + "/" + rel;
  }

  private static void zip(Path modelDir, OutputStream raw) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (Path f : files(modelDir)) {
        zip.putNextEntry(new ZipEntry(entryName(modelDir, f)));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  private static void tarGz(Path modelDir, OutputStream raw) throws IOException {
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path f : files(modelDir)) {
        TarArchiveEntry e = new TarArchiveEntry(f.toFile(), entryName(modelDir, f));
        tar.putArchiveEntry(e);
        Files.copy(f, tar);
        tar.closeArchiveEntry();
      }
    }
  }
}
