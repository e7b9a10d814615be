package dev.linr.runtime;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchiveUnpacker;
import dev.linr.archive.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model folder of an archive: the folder itself, or a temporary unpacked copy of a {@code .zip}
 * or {@code .tar.gz} that {@link #close()} deletes. Not thread-safe; owned by the model that opened
 * it.
 */
final class ModelFolder implements AutoCloseable {
  private final Path dir;
  private final Path unpacked;

  private ModelFolder(Path dir, Path unpacked) {
    this.dir = dir;
    this.unpacked = unpacked;
  }

  /**
   * Opens an archive folder, or unpacks a packed archive into a temporary folder.
   *
   * @throws IllegalArgumentException if the archive does not exist
   */
  static ModelFolder open(Path archive) throws IOException {
    if (!Files.exists(archive)) {
      throw new IllegalArgumentException("model archive " + archive + " does not exist");
    }
    if (ArchiveFormat.of(archive) == ArchiveFormat.FOLDER) {
      return new ModelFolder(archive, null);
    }
    Path unpacked = Files.createTempDirectory("linr-model-");
    try {
      return new ModelFolder(ArchiveUnpacker.unpack(archive, unpacked), unpacked);
    } catch (RuntimeException | IOException e) {
      FileTrees.deleteTree(unpacked);
      throw e;
    }
  }

  /** The folder holding serving.properties and the model file. */
  Path dir() {
    return dir;
  }

  /** Deletes the unpacked copy, if any. */
  @Override
  public void close() {
    if (unpacked != null) {
      try {
        FileTrees.deleteTree(unpacked);
      } catch (IOException e) {
        // The unpacked copy lives in the temp folder; failing to remove it loses nothing.
      }
    }
  }
}
