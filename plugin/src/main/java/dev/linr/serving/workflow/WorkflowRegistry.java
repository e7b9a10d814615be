package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.ConflictException;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelSpec;
import dev.linr.serving.wlm.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The registered workflows. Thread-safe. Workflow models are loaded through the model registry
 * ({@link ModelRegistry#load}), unregistered: each workflow owns its models and closes them when it
 * is unregistered. The default version of a workflow is the one registered first that is still
 * registered.
 *
 * <pre>{@code
 * WorkflowRegistry workflows = new WorkflowRegistry(models);
 * workflows.register("file:/srv/models/feed.json", null, true);
 * CompletableFuture<Output> answer = workflows.run("feed", null, input);
 * }</pre>
 */
public final class WorkflowRegistry implements AutoCloseable {
  private final Function<ModelSpec, ModelVersion> loader;
  private final Map<String, List<LoadedWorkflow>> workflows = new TreeMap<>();
  private boolean closed;

  public WorkflowRegistry(ModelRegistry models) {
    this(Objects.requireNonNull(models, "models")::load);
  }

  /** A registry whose workflows load their models with {@code loader}. */
  WorkflowRegistry(Function<ModelSpec, ModelVersion> loader) {
    this.loader = loader;
  }

  /**
   * Reads a workflow file (JSON), loads its models and registers it.
   *
   * @param url a {@code file:} URL or path of the workflow's {@code .json} file
   * @param name a name that overrides the file's, or null
   * @param loadedAtStartup whether it came from the model store or {@code load_models}
   * @throws dev.linr.serving.ConflictException if the name and version are taken (by a workflow)
   * @throws dev.linr.serving.BadRequestException if the file is missing or invalid (no {@code out},
   *     a cycle, an unknown name, a function class that does not load, a model that fails to load)
   */
  public Workflow register(String url, String name, boolean loadedAtStartup) {
    WorkflowDefinition definition = WorkflowParser.read(url, name);
    // Checked before loading, so a taken name costs no model loads; checked again on insertion.
    synchronized (this) {
      checkOpen();
      checkFree(definition.name(), definition.version());
    }
    LoadedWorkflow workflow = WorkflowLoader.load(definition, loader, loadedAtStartup);
    synchronized (this) {
      try {
        checkOpen();
        checkFree(definition.name(), definition.version());
      } catch (RuntimeException e) {
        workflow.close();
        throw e;
      }
      workflows.computeIfAbsent(definition.name(), k -> new ArrayList<>()).add(workflow);
    }
    return workflow;
  }

  private void checkFree(String name, String version) {
    for (LoadedWorkflow w : workflows.getOrDefault(name, List.of())) {
      if (Objects.equals(w.version(), version)) {
        throw new ConflictException(
            "Workflow " + describe(name, version) + " is already registered");
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the workflow registry is closed");
    }
  }

  /**
   * Unregisters one version, or every version when {@code version} is null, and closes them (their
   * models finish their queued jobs first).
   *
   * @throws dev.linr.serving.ModelNotFoundException if nothing matches
   */
  public void unregister(String name, String version) {
    List<LoadedWorkflow> removed = new ArrayList<>();
    synchronized (this) {
      List<LoadedWorkflow> versions = workflows.get(name);
      if (versions != null) {
        for (LoadedWorkflow w : versions) {
          if (version == null || version.equals(w.version())) {
            removed.add(w);
          }
        }
        versions.removeAll(removed);
        if (versions.isEmpty()) {
          workflows.remove(name);
        }
      }
    }
    if (removed.isEmpty()) {
      throw notFound(name, version);
    }
    for (LoadedWorkflow w : removed) {
      w.close();
    }
  }

  /**
   * A registered version, or the default version when {@code version} is null.
   *
   * @throws dev.linr.serving.ModelNotFoundException if there is none
   */
  public synchronized Workflow get(String name, String version) {
    for (LoadedWorkflow w : workflows.getOrDefault(name, List.of())) {
      if (version == null || version.equals(w.version())) {
        return w;
      }
    }
    throw notFound(name, version);
  }

  /** Whether any version of the workflow is registered. */
  public synchronized boolean contains(String name) {
    return workflows.containsKey(name);
  }

  /** Every workflow version, sorted by name, then registration order. */
  public synchronized List<Workflow> list() {
    List<Workflow> out = new ArrayList<>();
    for (List<LoadedWorkflow> versions : workflows.values()) {
      out.addAll(versions);
    }
    return out;
  }

  /**
   * Runs a workflow; see {@link Workflow#run}.
   *
   * @throws dev.linr.serving.ModelNotFoundException if there is no such workflow or version
   */
  public CompletableFuture<Output> run(String name, String version, Input input) {
    return get(name, version).run(input);
  }

  /** Unregisters and closes every workflow; later registrations fail. */
  @Override
  public void close() {
    List<LoadedWorkflow> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (List<LoadedWorkflow> versions : workflows.values()) {
        all.addAll(versions);
      }
      workflows.clear();
    }
    for (LoadedWorkflow w : all) {
      w.close();
    }
  }

  private static ModelNotFoundException notFound(String name, String version) {
    return new ModelNotFoundException("Workflow not found: " + describe(name, version));
  }

  private static String describe(String name, String version) {
    return version == null ? name : name + ":" + version;
  }
}
