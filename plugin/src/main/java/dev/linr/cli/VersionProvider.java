package dev.linr.cli;

import dev.linr.index.FormatVersion;
import dev.linr.index.Versions;
import picocli.CommandLine;

/** Prints the linr version and the index format version it reads and writes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "linr " + Versions.linr() + " (index format " + FormatVersion.CURRENT + ")"
    };
  }
}
