package dev.linr.index;

/** The running linr version, from the jar manifest when packaged. */
public final class Versions {
  private Versions() {}

  /** The version string, or "dev" when running from classes. */
  public static String linr() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
