package dev.linr.cli;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchivePacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of a command that writes a model archive folder: where, under which model name,
 * whether it may replace a folder, and the packed copies to write beside it.
 */
final class ArchiveOutput {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Archive folder.")
  Path out;

  @Option(names = "--name", description = "Model name (default: the folder name).")
  String name;

  @Option(names = "--zip", description = "Also write DIR.zip.")
  boolean zip;

  @Option(names = "--tar-gz", description = "Also write DIR.tar.gz.")
  boolean tarGz;

  @Option(names = "--overwrite", description = "Replace an existing output folder.")
  boolean overwrite;

  /** Writes the packed copies of the written {@code folder} that were asked for. */
  void pack(Path folder) throws IOException {
    if (zip) {
      pack(folder, ArchiveFormat.ZIP);
    }
    if (tarGz) {
      pack(folder, ArchiveFormat.TAR_GZ);
    }
  }

  private static void pack(Path folder, ArchiveFormat format) throws IOException {
    Path file = folder.resolveSibling(folder.getFileName() + format.extension());
    ArchivePacker.pack(folder, file);
    System.out.printf(Locale.ROOT, "packed %s (%s)%n", file, Sizes.human(Files.size(file)));
  }
}
