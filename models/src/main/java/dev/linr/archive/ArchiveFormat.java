package dev.linr.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The forms a model archive takes: a folder, a {@code .zip}, a {@code .tar.gz}/{@code .tgz}, or a
 * plain {@code .tar}.
 */
public enum ArchiveFormat {
  FOLDER(""),
  ZIP(".zip"),
  TAR_GZ(".tar.gz"),
  TAR(".tar");

  private final String extension;

  ArchiveFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** The format of a path, by whether it is a folder and else by its file name. */
  public static ArchiveFormat of(Path path) {
    if (Files.isDirectory(path)) {
      return FOLDER;
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      return ZIP;
    }
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return TAR_GZ;
    }
    if (name.endsWith(".tar")) {
      return TAR;
    }
    throw new IllegalArgumentException(
        path + " is not a model archive: expected a folder, a .zip, a .tar.gz, a .tgz or a .tar");
  }

  /**
   * The model name DJL Serving derives from a URL or path: the last segment, extension dropped,
   * non-word characters replaced by {@code _}.
   */
  public static String modelName(Path path) {
    String name = path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".tar.gz", ".tgz", ".zip", ".tar"}) {
      if (lower.endsWith(ext)) {
        name = name.substring(0, name.length() - ext.length());
        break;
      }
    }
    return name.replaceAll("\\W", "_");
  }

  /**
   * Checks a model name given to an archive builder: letters, digits and underscores, as {@link
   * #modelName} derives them. Null (derive it from the folder) passes.
   *
   * @throws IllegalArgumentException naming the name and the rule
   */
  public static void checkModelName(String name) {
    if (name != null && !name.matches("\\w+")) {
      throw new IllegalArgumentException(
          "model name '" + name + "' must use only letters, digits and underscores");
    }
  }
}
