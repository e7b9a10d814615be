package dev.linr.serving.config;

import dev.linr.serving.wlm.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server loads at start-up, from {@code load_models} and the model store. With {@code
 * ALL}, every non-hidden entry of the store that is a non-empty folder, a {@code .zip}, {@code
 * .tar.gz}, {@code .tgz} or {@code .tar} (a model archive) or a {@code .json} file (a workflow), in
 * name order; other files are skipped. Stateless.
 */
public final class ModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final String[] ARCHIVE_EXTENSIONS = {".zip", ".tar.gz", ".tgz", ".tar"};

  private ModelStore() {}

  /**
   * The entries to load, in order.
   *
   * @throws IllegalArgumentException if {@code load_models} is {@code ALL} and the model store is
   *     set but not a folder
   */
  public static List<StartupModel> startupModels(ServerConfig config) throws IOException {
    LoadModels load = config.loadModels();
    switch (load.kind()) {
      case NONE:
        return List.of();
      case LIST:
        List<StartupModel> listed = new ArrayList<>();
        for (ModelSpec spec : load.specs()) {
          listed.add(StartupModel.of(spec));
        }
        return listed;
      default:
        return config.modelStore() == null ? List.of() : scan(config.modelStore());
    }
  }

  /**
   * Every model archive and workflow file in a store folder, in name order.
   *
   * @throws IllegalArgumentException if {@code store} is not a folder
   */
  public static List<StartupModel> scan(Path store) throws IOException {
    if (!Files.isDirectory(store)) {
      throw new IllegalArgumentException("model_store " + store + " is not a folder");
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(store)) {
      entries = s.sorted().toList();
    }
    List<StartupModel> out = new ArrayList<>();
    for (Path p : entries) {
      String file = p.getFileName().toString();
      String lower = file.toLowerCase(Locale.ROOT);
      if (file.startsWith(".")) {
        continue;
      }
      boolean workflow = Files.isRegularFile(p) && ModelUrls.isWorkflow(lower);
      if (workflow || isArchive(p, lower)) {
        String url = p.toAbsolutePath().toUri().toString();
        String name = ModelUrls.defaultName(url);
        ModelSpec spec =
            workflow ? ModelSpec.of(url) : new ModelSpec(name, null, url, null, null, Map.of());
        out.add(new StartupModel(spec, workflow, name));
      } else {
        LOG.info("model store: {} is not a model archive or workflow; skipped", p);
      }
    }
    return out;
  }

  private static boolean isArchive(Path p, String lower) throws IOException {
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.list(p)) {
        return s.findAny().isPresent();
      }
    }
    if (!Files.isRegularFile(p)) {
      return false;
    }
    for (String ext : ARCHIVE_EXTENSIONS) {
      if (lower.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }
}
