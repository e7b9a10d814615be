package dev.linr.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An archive folder assembled beside its final place and renamed into place at the end, so that a
 * failed write leaves nothing behind: write into {@link #path()}, then {@link #publish()}; {@link
 * #close()} deletes whatever was not published.
 *
 * <pre>{@code
 * try (StagedFolder staged = StagedFolder.beside(output, name, "building")) {
 *   write(staged.path());
 *   staged.publish();
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one publish per instance. The instance owns the work folder until it is
 * published.
 */
public final class StagedFolder implements AutoCloseable {
  private final Path work;
  private final Path output;

  private StagedFolder(Path work, Path output) {
    this.work = work;
    this.output = output;
  }

  /**
   * Creates a private work folder {@code .<name>.<activity>-<random>} in the output's parent folder
   * (created if missing), so that the final rename stays on one file system.
   *
   * @param output the absolute folder to publish to
   * @param name the model name, which names the work folder
   * @param activity what is being done ({@code "building"}), which names the work folder
   */
  public static StagedFolder beside(Path output, String name, String activity) throws IOException {
    Files.createDirectories(output.getParent());
    Path work = Files.createTempDirectory(output.getParent(), "." + name + "." + activity + "-");
    return new StagedFolder(work, output);
  }

  /** The work folder to write into. */
  public Path path() {
    return work;
  }

  /**
   * Replaces the output with the work folder: deletes an existing output, makes the folder readable
   * by others and renames it into place atomically.
   */
  public void publish() throws IOException {
    if (Files.exists(output)) {
      FileTrees.deleteTree(output);
    }
    // The work folder was created private; the archive is meant to be served by others.
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(work, output, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes the work folder unless it was published. */
  @Override
  public void close() throws IOException {
    if (Files.exists(work)) {
      FileTrees.deleteTree(work);
    }
  }
}
