package dev.linr.cli;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchiveUnpacker;
import dev.linr.archive.FileTrees;
import dev.linr.rank.FusedMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An archive the command line reads as a folder: a folder in place, or a {@code .zip}, {@code
 * .tar.gz}, {@code .tgz} or {@code .tar} unpacked into a temporary folder that {@link #close()}
 * deletes. Not thread-safe.
 */
final class UnpackedArchive implements AutoCloseable {
  private final Path folder;
  private final Path unpacked;

  private UnpackedArchive(Path folder, Path unpacked) {
    this.folder = folder;
    this.unpacked = unpacked;
  }

  /**
   * Opens {@code archive}; {@code what} names it in errors ({@code "model archive"}, say).
   *
   * @throws IllegalArgumentException if it does not exist, is not an archive, or is corrupt
   */
  static UnpackedArchive open(Path archive, String what) throws IOException {
    if (!Files.exists(archive)) {
      throw new IllegalArgumentException(what + " " + archive + " does not exist");
    }
    if (ArchiveFormat.of(archive) == ArchiveFormat.FOLDER) {
      return new UnpackedArchive(archive, null);
    }
    Path unpacked = Files.createTempDirectory("linr-archive-");
    try {
      return new UnpackedArchive(ArchiveUnpacker.unpack(archive, unpacked), unpacked);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteTree(unpacked);
      throw e;
    }
  }

  /** The archive's folder. */
  Path folder() {
    return folder;
  }

  /** Whether it is a fused retrieval and ranking archive (it has {@value FusedMetadata#FILE}). */
  boolean fused() {
    return Files.isRegularFile(folder.resolve(FusedMetadata.FILE));
  }

  @Override
  public void close() throws IOException {
    if (unpacked != null) {
      FileTrees.deleteTree(unpacked);
    }
  }
}
