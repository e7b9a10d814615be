package dev.linr.serving.wlm;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchiveUnpacker;
import dev.linr.archive.FileTrees;
import dev.linr.archive.ServingProperties;
import dev.linr.runtime.Causes;
import dev.linr.serving.BadRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model archive made ready to load: a folder in place, or a {@code .zip}, {@code .tar.gz}, {@code
 * .tgz} or {@code .tar} unpacked into a temporary folder that {@link #close()} deletes. Not
 * thread-safe; owned by one loaded model.
 */
final class ModelArchive implements AutoCloseable {
  private final Path folder;
  private final Path unpacked;
  private final ServingProperties properties;

  private ModelArchive(Path folder, Path unpacked, ServingProperties properties) {
    this.folder = folder;
    this.unpacked = unpacked;
    this.properties = properties;
  }

  /**
   * Opens the archive at {@code path}.
   *
   * @throws BadRequestException if it does not exist, is not an archive, or is truncated or
   *     corrupt; nothing is left behind
   */
  static ModelArchive open(Path path) {
    if (!Files.exists(path)) {
      throw new BadRequestException("model archive " + path + " does not exist");
    }
    ArchiveFormat format;
    try {
      format = ArchiveFormat.of(path);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
    Path unpacked = null;
    try {
      Path folder = path;
      if (format != ArchiveFormat.FOLDER) {
        unpacked = Files.createTempDirectory("linr-serving-");
        folder = ArchiveUnpacker.unpack(path, unpacked);
      }
      ServingProperties properties =
          Files.isRegularFile(folder.resolve(ServingProperties.FILE))
              ? ServingProperties.read(folder)
              : new ServingProperties();
      return new ModelArchive(folder, unpacked, properties);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(unpacked);
      if (e instanceof BadRequestException b) {
        throw b;
      }
      if (e instanceof IllegalArgumentException) {
        throw new BadRequestException(e.getMessage(), e);
      }
      throw new BadRequestException(
          "cannot read model archive " + path + ": " + Causes.rootMessage(e), e);
    }
  }

  /** The model folder (inside the temporary folder for packed archives). */
  Path folder() {
    return folder;
  }

  /** The archive's {@code serving.properties}; empty when it has none. */
  ServingProperties properties() {
    return properties;
  }

  /** Deletes the unpacked copy, if any. */
  @Override
  public void close() {
    deleteQuietly(unpacked);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException | UncheckedIOException e) {
      // A leftover copy in the temp folder loses nothing; the load itself already failed or ended.
    }
  }
}
