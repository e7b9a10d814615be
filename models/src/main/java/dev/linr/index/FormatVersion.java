package dev.linr.index;

/**
 * The version of the index model layout and program. Written into the TorchScript module (as the
 * {@code format_version} attribute) and into {@code index.json}; readers reject versions they do
 * not know.
 */
public final class FormatVersion {
  /**
   * The version this code writes. Version 4's program takes one filter program for every query of a
   * batch, sent once (rows of query {@link FilterOpcodes#EVERY_QUERY}); version 3's takes a work
   * limit ({@code options[3]}) and declines larger work; version 2 added the {@code expires} buffer
   * and the live update methods.
   */
  public static final int CURRENT = 4;

  /** The oldest version this code reads: version 1 archives are refused (rebuild them). */
  public static final int OLDEST = 2;

  private FormatVersion() {}

  /**
   * Checks a version read from an archive.
   *
   * @throws IllegalArgumentException naming the found and supported versions
   */
  public static void check(int found, String where) {
    if (found < OLDEST || found > CURRENT) {
      throw new IllegalArgumentException(
          where
              + ": index format version "
              + found
              + " is not supported; this linr reads versions "
              + OLDEST
              + " to "
              + CURRENT
              + (found > CURRENT ? " (the archive was built by a newer linr)" : ""));
    }
  }

  /** Whether a version's program takes a work limit and declines larger work (version 3 on). */
  public static boolean limitsWork(int version) {
    return version >= 3;
  }

  /**
   * Whether a version's program takes a filter program sent once for every query of the batch (rows
   * of query {@link FilterOpcodes#EVERY_QUERY}; version 4 on).
   */
  public static boolean takesEveryQueryPrograms(int version) {
    return version >= 4;
  }
}
