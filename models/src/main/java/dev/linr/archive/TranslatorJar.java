package dev.linr.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The self-contained serving translator jar inside a model archive, with which a stock DJL Serving
 * loads the archive without linr on its classpath. Stateless and thread-safe.
 */
public final class TranslatorJar {
  /** Where the jar goes inside an archive folder. */
  public static final String PATH = "libs/linr-serving-translator.jar";

  private TranslatorJar() {}

  /**
   * Copies the jar into {@code <dir>/}{@value #PATH}; does nothing when {@code jar} is null. The
   * stream the supplier opens is closed here.
   *
   * @throws IllegalStateException if the supplier gives no stream (the jar is not available)
   */
  public static void copyInto(Supplier<InputStream> jar, Path dir) throws IOException {
    if (jar == null) {
      return;
    }
    try (InputStream in = jar.get()) {
      if (in == null) {
        throw new IllegalStateException("the serving translator jar is not available");
      }
      Path target = dir.resolve(PATH);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    }
  }
}
