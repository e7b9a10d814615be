package dev.linr.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .zip}, {@code .tar.gz} or {@code .tar} model archive into a folder and finds the
 * model folder inside it (a single top-level folder is descended into, as DJL Serving does).
 * Entries that would land outside the target folder are refused.
 */
public final class ArchiveUnpacker {
  private ArchiveUnpacker() {}

  /**
   * Unpacks {@code archive} into the empty folder {@code into}.
   *
   * @return the model folder
   * @throws IllegalArgumentException if the archive is truncated or corrupt
   */
  public static Path unpack(Path archive, Path into) throws IOException {
    ArchiveFormat format = ArchiveFormat.of(archive);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
      if (format == ArchiveFormat.ZIP) {
        unzip(raw, into);
      } else if (format == ArchiveFormat.TAR_GZ) {
        untar(new GzipCompressorInputStream(raw), into);
      } else if (format == ArchiveFormat.TAR) {
        untar(raw, into);
      } else {
        return archive;
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "corrupt or truncated model archive " + archive + ": " + e.getMessage(), e);
    }
    return modelFolder(into);
  }

  private static void unzip(InputStream raw, Path into) throws IOException {
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries++;
        write(into, e.getName(), e.isDirectory(), zip);
      }
    }
    if (entries == 0) {
      throw new IOException("no entries (not a zip file?)");
    }
  }

  private static void untar(InputStream raw, Path into) throws IOException {
    try (ArchiveInputStream<?> tar = new TarArchiveInputStream(raw)) {
      for (ArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        write(into, e.getName(), e.isDirectory(), tar);
      }
    }
  }

  private static void write(Path into, String name, boolean directory, InputStream in)
      throws IOException {
    Path target = into.resolve(name).normalize();
    if (!target.startsWith(into.normalize())) {
      throw new IOException("entry '" + name + "' points outside the archive");
    }
    if (directory) {
      Files.createDirectories(target);
      return;
    }
    Files.createDirectories(target.getParent());
    Files.copy(in, target);
  }

  /** A single top-level folder is the model folder; otherwise the folder itself is. */
  static Path modelFolder(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> children = s.collect(Collectors.toList());
      if (children.size() == 1 && Files.isDirectory(children.get(0))) {
        return children.get(0);
      }
    }
    return dir;
  }
}
