package dev.linr.index;

/**
 * The version of the index model layout and program. Written into the TorchScript module (as the
 * {@code format_version} attribute) and into {@code index.json}; readers reject other versions.
 */
public final class FormatVersion {
  /**
   * The version this code writes and reads. Version 2 added the {@code expires} buffer and the live
   * update methods; version 1 archives are refused (rebuild them).
   */
  public static final int CURRENT = 2;

  private FormatVersion() {}

  /**
   * Checks a version read from an archive.
   *
   * @throws IllegalArgumentException naming the found and supported versions
   */
  public static void check(int found, String where) {
    if (found != CURRENT) {
      throw new IllegalArgumentException(
          where
              + ": index format version "
              + found
              + " is not supported; this linr reads version "
              + CURRENT
              + (found > CURRENT ? " (the archive was built by a newer linr)" : ""));
    }
  }
}
