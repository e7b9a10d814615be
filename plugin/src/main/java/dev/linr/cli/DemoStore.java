package dev.linr.cli;

import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.demo.DemoIndex;
import dev.linr.index.BuildResult;
import dev.linr.index.FormatVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The model store {@code linr serve} uses when given none: the demo's {@code posts} index, built
 * once into a cache folder ({@code $XDG_CACHE_HOME/linr}, else {@code ~/.cache/linr}; a temporary
 * folder when neither is writable) and reused while the index format and demo parameters stay the
 * same.
 */
final class DemoStore {
  static final long ITEMS = 20_000;
  static final int DIMENSION = 64;
  static final long SEED = 42;

  private DemoStore() {}

  /** The demo corpus the store's index was built from. */
  static DemoCorpus corpus() {
    return DemoIndex.corpus(DIMENSION, SEED);
  }

  /**
   * The store folder, built on first use.
   *
   * @param env the environment ({@code XDG_CACHE_HOME}, {@code HOME})
   * @param out where progress is reported
   */
  static Path prepare(Map<String, String> env, PrintStream out) throws IOException {
    Path store = cacheRoot(env).resolve(folderName()).resolve("store");
    if (Files.isDirectory(store.resolve(DemoIndex.NAME))) {
      return store;
    }
    Files.createDirectories(store);
    out.printf(
        Locale.ROOT,
        "building the demo index (%,d posts, dim %d) into %s, once%n",
        ITEMS,
        DIMENSION,
        store);
    Path work = Files.createTempDirectory(store.getParent(), "build-");
    try {
      BuildResult r = DemoIndex.build(corpus(), work, ITEMS, new ConsoleProgress(System.err));
      // The archive appears in the store whole or not at all.
      Files.move(r.folder(), store.resolve(DemoIndex.NAME));
    } finally {
      FileTrees.deleteTree(work);
    }
    // Other demo models (a ranker, a retrieval-then-ranking workflow) are added to the store here.
    return store;
  }

  private static String folderName() {
    return String.format(
        Locale.ROOT, "demo-f%d-%dx%d-s%d", FormatVersion.CURRENT, ITEMS, DIMENSION, SEED);
  }

  private static Path cacheRoot(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path root =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    Path linr = root.resolve("linr");
    try {
      Files.createDirectories(linr);
      if (Files.isWritable(linr)) {
        return linr;
      }
    } catch (IOException e) {
      // fall through to a temporary folder
    }
    try {
      return Files.createTempDirectory("linr-cache-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
