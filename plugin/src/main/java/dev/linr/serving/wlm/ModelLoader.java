package dev.linr.serving.wlm;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.ServingTranslatorFactory;
import dev.linr.archive.ServingProperties;
import dev.linr.index.IndexBuilder;
import dev.linr.index.IndexMetadata;
import dev.linr.live.DurableIndex;
import dev.linr.rank.FusedMetadata;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.runtime.Causes;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.ModelLoading;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.config.ModelUrls;
import dev.linr.serving.ingest.KafkaIngestor;
import dev.linr.serving.updates.DurableIndexUpdates;
import dev.linr.serving.updates.KafkaSettings;
import dev.linr.serving.updates.MaxAge;
import dev.linr.serving.updates.ServedIndex;
import dev.linr.serving.updates.UpdateSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the model a {@link ModelSpec} names: unpacks the archive, resolves engine, devices and
 * settings, checks the translator, and loads a linr index or a fused retrieval and ranking model
 * (jobs merged into one forward pass by {@link MergingBatchRunner}) or any other DJL model with its
 * serving translator ({@link PredictorBatchRunner}). Stateless and thread-safe.
 *
 * <p>Settings are layered: the server defaults, then the archive's {@code serving.properties}
 * server keys, then the spec's {@link ModelSpec#settings() settings}. Among a spec's settings,
 * {@code option.*} keys add engine options and other non-server keys add translator arguments.
 * {@link ModelSpec#engine()} and {@link ModelSpec#devices()}, when set, win over everything.
 */
final class ModelLoader {
  /** The engines the server hosts, as DJL names them. */
  static final List<String> ENGINES = List.of("PyTorch", "OnnxRuntime");

  private static final String OPTION = "option.";

  private ModelLoader() {}

  /**
   * Loads a model.
   *
   * @throws BadRequestException if anything about the archive, its settings or the load fails; the
   *     message carries the root cause, and nothing is left behind (no unpacked copy, no native
   *     model)
   */
  static LoadedModel load(ModelSpec spec, ModelSettings defaults, UpdateSettings updates) {
    String name = spec.name() != null ? spec.name() : defaultName(spec.url());
    Path path;
    try {
      path = ModelUrls.path(spec.url());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
    ModelArchive archive = ModelArchive.open(path);
    try {
      return load(name, spec, defaults, updates, archive);
    } catch (RuntimeException | Error e) {
      archive.close();
      throw e;
    }
  }

  private static LoadedModel load(
      String name,
      ModelSpec spec,
      ModelSettings defaults,
      UpdateSettings updates,
      ModelArchive archive) {
    ServingProperties props = archive.properties();
    Keys archiveKeys = Keys.of(props.asMap());
    Keys specKeys = Keys.of(spec.settings());
    String source = "serving.properties of model " + name;
    String requestSource = "the settings of model " + name;

    String engine =
        engine(name, first(spec.engine(), specKeys.server.get("engine"), props.get("engine")));
    String devices =
        first(
            spec.devices(),
            specKeys.server.get(SettingsParser.LOAD_ON_DEVICES),
            props.get(SettingsParser.LOAD_ON_DEVICES),
            defaults.devices());
    DevicePlacement placement =
        DevicePlacement.parse(devices, devices.trim().equals("cpu") ? 0 : gpuCount(engine));
    ModelSettings settings =
        SettingsParser.apply(defaults, archiveKeys.server, placement.deviceType(), source);
    settings =
        SettingsParser.apply(settings, specKeys.server, placement.deviceType(), requestSource);
    settings =
        new ModelSettings(
            settings.batchSize(),
            settings.maxBatchDelayMillis(),
            settings.jobQueueSize(),
            settings.maxIdleSeconds(),
            settings.minWorkers(),
            settings.maxWorkers(),
            devices.trim());

    Map<String, String> arguments = new LinkedHashMap<>(archiveKeys.arguments);
    arguments.putAll(specKeys.arguments);
    Map<String, String> options = new LinkedHashMap<>(archiveKeys.options);
    options.putAll(specKeys.options);

    Path folder = archive.folder();
    TranslatorCheck.beforeLoad(folder, arguments);
    BatchRunner runner;
    if (isIndex(folder, engine, arguments)) {
      ServedIndex served =
          openIndex(
              name,
              spec.version(),
              spec.url(),
              folder,
              placement.first(),
              specKeys.arguments,
              arguments,
              updates);
      runner = new MergingBatchRunner<>(new IndexModel(served, ingest(name, served, updates)));
    } else if (isFused(folder, engine, arguments)) {
      runner =
          new MergingBatchRunner<>(
              new FusedModel(
                  openFused(name, spec.url(), folder, placement.first(), specKeys.arguments)));
    } else {
      runner =
          new PredictorBatchRunner(
              loadModel(name, spec.url(), folder, engine, placement.first(), options, arguments));
    }
    return new LoadedModel(name, engine, placement, settings, runner, archive);
  }

  /** The name DJL Serving derives from a URL. */
  static String defaultName(String url) {
    try {
      return ModelUrls.defaultName(url);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
  }

  private static String engine(String model, String engine) {
    if (engine == null || engine.isBlank()) {
      throw new BadRequestException(
          "model "
              + model
              + " names no engine: set engine= in its serving.properties (valid: "
              + String.join(", ", ENGINES)
              + ")");
    }
    String e = engine.trim();
    if (!ENGINES.contains(e)) {
      throw new BadRequestException(
          "model "
              + model
              + " asks for engine '"
              + e
              + "', which this server does not host; valid: "
              + String.join(", ", ENGINES));
    }
    if (!Engine.hasEngine(e)) {
      throw new BadRequestException(
          "engine " + e + " of model " + model + " is not on the server classpath");
    }
    return e;
  }

  private static int gpuCount(String engine) {
    try {
      return Engine.getEngine(engine).getGpuCount();
    } catch (RuntimeException e) {
      throw new BadRequestException(
          "cannot start engine " + engine + ": " + Causes.rootMessage(e), e);
    }
  }

  private static boolean isIndex(Path folder, String engine, Map<String, String> arguments) {
    return engine.equals("PyTorch")
        && IndexBuilder.SERVING_TRANSLATOR.equals(
            arguments.getOrDefault(TranslatorCheck.TRANSLATOR, "").trim())
        && Files.isRegularFile(folder.resolve(IndexMetadata.INDEX_FILE));
  }

  private static boolean isFused(Path folder, String engine, Map<String, String> arguments) {
    return engine.equals("PyTorch")
        && FusedModelBuilder.SERVING_TRANSLATOR.equals(
            arguments.getOrDefault(TranslatorCheck.TRANSLATOR, "").trim())
        && Files.isRegularFile(folder.resolve(FusedMetadata.FILE));
  }

  private static LinrFused openFused(
      String name, String url, Path folder, Device device, Map<String, String> arguments) {
    try {
      return LinrFused.open(folder, device, arguments);
    } catch (IOException | RuntimeException e) {
      throw new BadRequestException(loadFailure(name, url, e), e);
    }
  }

  /**
   * Opens an index model live: in memory, or durable in {@code <dataDir>/<name>[/<version>]} when
   * {@code updates} names a data folder (recovering its snapshot and log; the first open starts
   * from the archive).
   */
  private static ServedIndex openIndex(
      String name,
      String version,
      String url,
      Path folder,
      Device device,
      Map<String, String> arguments,
      Map<String, String> allArguments,
      UpdateSettings updates) {
    try {
      Optional<MaxAge> maxAge = MaxAge.fromArguments(allArguments);
      if (!updates.durable()) {
        LiveIndex.Builder b =
            LiveIndex.builder()
                .setArchive(folder)
                .optDevice(device)
                .optArguments(arguments)
                .optGrowthFactor(updates.growthFactor())
                .optMaxCapacity(updates.maxCapacitySlots());
        maxAge.ifPresent(a -> b.optMaxAge(a.attribute(), a.seconds()));
        return ServedIndex.inMemory(name, b.build(), updates);
      }
      Path data = updates.dataFolder(name, version);
      DurableIndex.Builder b =
          DurableIndex.builder()
              .setDirectory(data)
              .optInitialArchive(folder)
              .optDevice(device)
              .optArguments(arguments)
              .optGrowthFactor(updates.growthFactor())
              .optMaxCapacity(updates.maxCapacitySlots());
      maxAge.ifPresent(a -> b.optMaxAge(a.attribute(), a.seconds()));
      DurableIndex durable = b.build();
      try {
        return ServedIndex.durable(name, durable, new DurableIndexUpdates(durable, data), updates);
      } catch (RuntimeException | Error e) {
        durable.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new BadRequestException(loadFailure(name, url, e), e);
    }
  }

  /**
   * Starts reading the index model's change stream when one is configured (closing {@code served}
   * if it cannot); null when none is.
   */
  private static KafkaIngestor ingest(String name, ServedIndex served, UpdateSettings updates) {
    KafkaSettings kafka = updates.kafka();
    if (!kafka.enabled()) {
      return null;
    }
    try {
      return KafkaIngestor.start(
          name,
          kafka.topic(name),
          kafka.bootstrapServers(),
          kafka.maxPollRecords(),
          served.updates());
    } catch (RuntimeException | Error e) {
      served.close();
      if (e instanceof IllegalArgumentException) {
        throw new BadRequestException("cannot load model " + name + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private static ZooModel<Input, Output> loadModel(
      String name,
      String url,
      Path folder,
      String engine,
      Device device,
      Map<String, String> options,
      Map<String, String> arguments) {
    Criteria.Builder<Input, Output> b =
        Criteria.builder()
            .setTypes(Input.class, Output.class)
            .optModelPath(folder)
            .optEngine(engine)
            .optDevice(device)
            .optTranslatorFactory(new ServingTranslatorFactory());
    String modelName = options.get("modelName");
    if (modelName != null && !modelName.isBlank()) {
      b.optModelName(modelName.trim());
    }
    options.forEach(b::optOption);
    arguments.forEach(b::optArgument);
    ZooModel<Input, Output> model;
    try {
      model = ModelLoading.load(b.build());
    } catch (IOException
        | MalformedModelException
        | ai.djl.repository.zoo.ModelNotFoundException
        | RuntimeException e) {
      throw new BadRequestException(loadFailure(name, url, e), e);
    }
    try {
      TranslatorCheck.afterLoad(arguments, model.getTranslator());
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static String loadFailure(String name, String url, Exception e) {
    String why = e instanceof IllegalArgumentException ? e.getMessage() : Causes.rootMessage(e);
    return "cannot load model " + name + " from " + url + ": " + why;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Keys split the way DJL Serving splits {@code serving.properties}. */
  private record Keys(
      Map<String, String> server, Map<String, String> options, Map<String, String> arguments) {
    static Keys of(Map<String, String> all) {
      ServingProperties p = new ServingProperties();
      all.forEach(p::set);
      Map<String, String> arguments = p.translatorArguments();
      Map<String, String> options = new LinkedHashMap<>();
      Map<String, String> server = new LinkedHashMap<>();
      all.forEach(
          (k, v) -> {
            if (k.startsWith(OPTION)) {
              options.put(k.substring(OPTION.length()), v);
            } else if (!arguments.containsKey(k)) {
              server.put(k, v);
            }
          });
      return new Keys(server, options, arguments);
    }
  }
}
