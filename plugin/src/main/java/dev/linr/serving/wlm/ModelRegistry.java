package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.runtime.Causes;
import dev.linr.serving.ConflictException;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.updates.UpdateSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The registered models, each with one or more versions. Thread-safe. The default version of a
 * model is the one registered first that is still registered.
 *
 * <p>Loading happens outside the registry's lock, so a slow load does not hold up requests to other
 * models; a name and version are checked before the load and again when the loaded version is
 * added. The registry owns the versions it registered and closes them on {@link #unregister} and
 * {@link #close()}. It publishes each version's queue depth, workers and index items as gauges in
 * its {@link ServerMetrics}.
 *
 * <pre>{@code
 * try (ModelRegistry models = new ModelRegistry(ModelSettings.DEFAULTS, new ServerMetrics())) {
 *   models.register(ModelSpec.of("file:/models/posts"), true);
 *   Output out = models.invoke("posts", null, input).join();
 * }
 * }</pre>
 */
public final class ModelRegistry implements ModelInvoker, AutoCloseable {
  private final ModelSettings defaults;
  private final ServerMetrics metrics;
  private final UpdateSettings updates;
  private final Object lock = new Object();
  private final Map<String, List<ServedModel>> models = new TreeMap<>();
  private final Map<String, String> failed = new TreeMap<>();
  private boolean closed;

  /**
   * @param defaults settings for models whose archive and registration do not set them
   * @param metrics where batches and queue depths are counted
   */
  public ModelRegistry(ModelSettings defaults, ServerMetrics metrics) {
    this(defaults, metrics, UpdateSettings.DEFAULTS);
  }

  /**
   * @param defaults settings for models whose archive and registration do not set them
   * @param metrics where batches and queue depths are counted
   * @param updates how index models keep their item updates (in memory, or durable under a data
   *     folder) and how often they are swept for expired items and snapshotted
   */
  public ModelRegistry(ModelSettings defaults, ServerMetrics metrics, UpdateSettings updates) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.updates = Objects.requireNonNull(updates, "updates");
  }

  /**
   * Loads a model version and registers it.
   *
   * @param loadedAtStartup whether it came from the model store or {@code load_models}
   * @throws dev.linr.serving.ConflictException if that name and version are registered
   * @throws dev.linr.serving.BadRequestException if the archive is missing, corrupt, names a
   *     translator that does not load, or asks for a device this host lacks (the message says
   *     which)
   */
  public ModelVersion register(ModelSpec spec, boolean loadedAtStartup) {
    String name = spec.name() != null ? spec.name() : ModelLoader.defaultName(spec.url());
    synchronized (lock) {
      checkFree(name, spec.version());
    }
    ServedModel loaded = open(spec, loadedAtStartup);
    synchronized (lock) {
      try {
        checkFree(loaded.name(), loaded.version());
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
      models.computeIfAbsent(loaded.name(), n -> new ArrayList<>()).add(loaded);
      failed.remove(loaded.name());
      // Under the lock, so that an unregister racing with this call cannot leave a stale gauge.
      metrics.trackModel(
          loaded.name(),
          loaded.version(),
          loaded::queueDepth,
          loaded::workerCount,
          () -> loaded.items().orElse(-1));
    }
    return loaded;
  }

  /**
   * Loads a model version without registering it (workflow models); the caller closes it.
   *
   * @throws dev.linr.serving.BadRequestException as {@link #register}
   */
  public ModelVersion load(ModelSpec spec) {
    return open(spec, false);
  }

  private ServedModel open(ModelSpec spec, boolean loadedAtStartup) {
    LoadedModel loaded = ModelLoader.load(spec, defaults, updates);
    try {
      return new ServedModel(loaded, spec.version(), spec.url(), loadedAtStartup, metrics);
    } catch (RuntimeException | Error e) {
      try {
        loaded.runner().close();
      } finally {
        loaded.archive().close();
      }
      throw e;
    }
  }

  /** Records a model that failed to load at start-up, so that {@code /ping} reports it. */
  public void recordFailedLoad(String name, Throwable cause) {
    String why;
    if (cause == null) {
      why = "failed to load";
    } else if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
      why = cause.getMessage();
    } else {
      why = Causes.rootMessage(cause);
    }
    synchronized (lock) {
      failed.put(name, why);
    }
  }

  /**
   * Unregisters one version, or every version when {@code version} is null, after their queued jobs
   * finish.
   *
   * @throws dev.linr.serving.ModelNotFoundException if nothing matches
   */
  public void unregister(String name, String version) {
    List<ServedModel> removed = new ArrayList<>();
    synchronized (lock) {
      List<ServedModel> versions = models.get(name);
      if (versions == null) {
        throw notFound(name, version);
      }
      for (ServedModel m : versions) {
        if (version == null || version.equals(m.version())) {
          removed.add(m);
        }
      }
      if (removed.isEmpty()) {
        throw notFound(name, version);
      }
      versions.removeAll(removed);
      if (versions.isEmpty()) {
        models.remove(name);
      }
      removed.forEach(m -> metrics.untrackModel(m.name(), m.version()));
    }
    closeAll(removed);
  }

  /**
   * A registered version, or the default version when {@code version} is null.
   *
   * @throws dev.linr.serving.ModelNotFoundException if there is none
   */
  public ModelVersion get(String name, String version) {
    synchronized (lock) {
      List<ServedModel> versions = models.get(name);
      if (versions != null) {
        for (ServedModel m : versions) {
          if (version == null || version.equals(m.version())) {
            return m;
          }
        }
      }
    }
    throw notFound(name, version);
  }

  /** Whether any version of the model is registered. */
  public boolean contains(String name) {
    synchronized (lock) {
      return models.containsKey(name);
    }
  }

  /** The versions of one model, in registration order (empty if none). */
  public List<ModelVersion> versions(String name) {
    synchronized (lock) {
      return List.copyOf(models.getOrDefault(name, List.of()));
    }
  }

  /** Every registered version, sorted by model name, then registration order. */
  public List<ModelVersion> list() {
    List<ModelVersion> out = new ArrayList<>();
    synchronized (lock) {
      models.values().forEach(out::addAll);
    }
    return out;
  }

  /**
   * Model name to {@code Healthy}, or to the failure for models that failed to load; {@link
   * #healthy()} is false if any failed.
   */
  public Map<String, String> health() {
    Map<String, String> out = new LinkedHashMap<>();
    synchronized (lock) {
      Map<String, String> all = new TreeMap<>(failed);
      for (Map.Entry<String, List<ServedModel>> e : models.entrySet()) {
        all.put(e.getKey(), e.getValue().get(0).status());
      }
      out.putAll(all);
    }
    return out;
  }

  /** False if any model failed to load. */
  public boolean healthy() {
    synchronized (lock) {
      return failed.isEmpty();
    }
  }

  @Override
  public CompletableFuture<Output> invoke(String name, String version, Input input) {
    return get(name, version).submit(input);
  }

  /** Stops taking jobs, finishes the queued ones, and closes every model. */
  @Override
  public void close() {
    List<ServedModel> all = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      models.values().forEach(all::addAll);
      models.clear();
      all.forEach(m -> metrics.untrackModel(m.name(), m.version()));
    }
    closeAll(all);
  }

  /** Holds the lock. */
  private void checkFree(String name, String version) {
    if (closed) {
      throw new dev.linr.serving.ServiceUnavailableException(
          "the server is shutting down and registers no models");
    }
    for (ServedModel m : models.getOrDefault(name, List.of())) {
      if (Objects.equals(m.version(), version)) {
        throw new ConflictException(
            "Model "
                + name
                + (version == null ? "" : " version " + version)
                + " is already registered.");
      }
    }
  }

  private void closeAll(List<ServedModel> versions) {
    // Every version is closed even if one fails; the first failure is rethrown at the end.
    RuntimeException first = null;
    for (ServedModel m : versions) {
      try {
        m.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static ModelNotFoundException notFound(String name, String version) {
    return new ModelNotFoundException(
        version == null
            ? "Model not found: " + name
            : "Model version not found: " + name + " version " + version);
  }
}
