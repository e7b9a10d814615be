package dev.linr.cli;

import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.demo.DemoIndex;
import dev.linr.index.BuildResult;
import dev.linr.index.FormatVersion;
import dev.linr.rank.DemoRanker;
import dev.linr.rank.FusedMetadata;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.runtime.ServingTranslatorJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * The model store {@code linr serve} uses when given none: the demo's {@code posts} index, the demo
 * ranker ({@link DemoRanker}, ONNX) as {@code ranker}, the retrieval-then-ranking workflow {@code
 * feed} ({@code conf/workflows/feed.json}, shipped as the classpath resource {@value
 * #WORKFLOW_RESOURCE}) and the fused model {@code feed_fused} (the index and the ranker in one
 * model). Every archive carries the serving translator jar in {@code libs/}.
 *
 * <p>The store is built once into a cache folder ({@code $XDG_CACHE_HOME/linr}, else {@code
 * ~/.cache/linr}; a temporary folder when neither is writable), assembled beside its final place
 * and renamed into it, so a store is there whole or not at all; it is reused while the index
 * format, the fused format and the demo parameters stay the same. Not for concurrent use within one
 * process; two processes building at once each build, and the first rename wins.
 */
final class DemoStore {
  static final long ITEMS = 20_000;
  static final int DIMENSION = 64;
  static final long SEED = 42;

  /** The ranker's folder, and so its model name. */
  static final String RANKER = "ranker";

  /** The fused model's folder, and so its model name. */
  static final String FUSED = "feed_fused";

  /** The workflow's name, as its file declares it. */
  static final String WORKFLOW = "feed";

  /** The workflow file, a resource beside this class and a file of the store. */
  static final String WORKFLOW_RESOURCE = "feed.json";

  /** What the store holds; raise it whenever that changes, so older caches are not reused. */
  private static final int CONTENT_VERSION = 2;

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
    Path cache = cacheRoot(env).resolve(folderName());
    Path store = cache.resolve("store");
    if (Files.isDirectory(store)) {
      return store;
    }
    Files.createDirectories(cache);
    out.printf(
        Locale.ROOT,
        "building the demo models into %s, once: %s (index of %,d posts, dim %d), %s (ONNX),"
            + " %s (workflow), %s (fused model)%n",
        store,
        DemoIndex.NAME,
        ITEMS,
        DIMENSION,
        RANKER,
        WORKFLOW,
        FUSED);
    Path work = Files.createTempDirectory(cache, "build-");
    try {
      Path built = build(work);
      try {
        // The store appears whole or not at all.
        Files.move(built, store, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(store)) {
          throw e;
        }
        // Another process built the same store first; theirs is as good.
      }
    } finally {
      FileTrees.deleteTree(work);
    }
    return store;
  }

  /** Builds the store's four entries into {@code work/store} and returns that folder. */
  private static Path build(Path work) throws IOException {
    Path store = Files.createDirectories(work.resolve("store"));
    BuildResult posts = DemoIndex.build(corpus(), work, ITEMS, new ConsoleProgress(System.err));
    Path index = Files.move(posts.folder(), store.resolve(DemoIndex.NAME));
    DemoRanker.write(store.resolve(RANKER), DIMENSION, ServingTranslatorJar::open);
    FusedModelBuilder.builder()
        .setIndex(index)
        .setRanker(DemoRanker.definition(DIMENSION))
        .setOutput(store.resolve(FUSED))
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
    try (InputStream in = workflow()) {
      Files.copy(in, store.resolve(WORKFLOW_RESOURCE));
    }
    return store;
  }

  /**
   * Opens the workflow file shipped with the command line ({@code conf/workflows/feed.json}).
   *
   * @throws IllegalStateException if the build did not package it
   */
  static InputStream workflow() {
    InputStream in = DemoStore.class.getResourceAsStream(WORKFLOW_RESOURCE);
    if (in == null) {
      throw new IllegalStateException(WORKFLOW_RESOURCE + " is missing from the classpath");
    }
    return in;
  }

  private static String folderName() {
    return String.format(
        Locale.ROOT,
        "demo-v%d-f%d-r%d-%dx%d-s%d",
        CONTENT_VERSION,
        FormatVersion.CURRENT,
        FusedMetadata.FORMAT_VERSION,
        ITEMS,
        DIMENSION,
        SEED);
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
      throw new UncheckedIOException(e);
    }
  }
}
