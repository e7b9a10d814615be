package dev.linr.runtime;

import java.io.InputStream;

/**
 * The self-contained serving translator jar bundled into this module at build time, which every
 * archive carries in {@code libs/} so that a stock DJL Serving can load it.
 */
public final class ServingTranslatorJar {
  static final String RESOURCE = "linr-serving-translator.jar";

  private ServingTranslatorJar() {}

  /**
   * Opens the jar.
   *
   * @throws IllegalStateException if the build did not bundle it
   */
  public static InputStream open() {
    InputStream in = ServingTranslatorJar.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          RESOURCE + " is missing from the classpath: build with 'mvn package' first");
    }
    return in;
  }
}
