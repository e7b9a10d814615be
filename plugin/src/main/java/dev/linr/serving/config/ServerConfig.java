package dev.linr.serving.config;

import dev.linr.serving.updates.KafkaSettings;
import dev.linr.serving.updates.UpdateSettings;
import dev.linr.serving.wlm.ModelSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server configuration, DJL Serving's {@code config.properties}. Immutable.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.read(Path.of("conf/config.properties"), System.getenv());
 * }</pre>
 *
 * <p>Keys (all optional): {@code inference_address} and {@code management_address} ({@code
 * http://host:port}, both {@value #DEFAULT_ADDRESS}; equal addresses share one port), {@code
 * model_store} (a folder, none by default), {@code load_models} ({@code ALL} (default), {@code
 * NONE}, or load specs separated by commas), the model defaults {@code job_queue_size} (1000),
 * {@code batch_size} (1), {@code max_batch_delay} (ms, 100), {@code max_idle_time} (s, 60) and
 * {@code load_on_devices} ({@code cpu}), {@code max_request_size} (bytes, {@value
 * #DEFAULT_MAX_REQUEST_SIZE}), {@code number_of_netty_threads} (0: two per core), and for item
 * updates of index models {@code index_data_dir} (none: updates are kept in memory; a folder: each
 * index model is durable under {@code <index_data_dir>/<model>[/<version>]}), {@code
 * snapshot_interval_seconds} (300, 0 for none), {@code snapshot_every_updates} (0: none), {@code
 * expiry_sweep_seconds} (60, 0 for none), {@code index_growth_factor} (2, a decimal number; 1: no
 * growth) and {@code index_max_capacity} (slots, 0: no limit), and for change streams {@code
 * kafka_bootstrap_servers} (empty: none), {@code kafka_topic_prefix} ({@code linr-items-}) and
 * {@code kafka_max_poll_records} (500) (see {@link UpdateSettings}). Values are parsed strictly
 * ({@code 1.7} is not an integer). An environment variable {@code SERVING_<KEY>} ({@code
 * SERVING_BATCH_SIZE}) overrides the file, as in DJL Serving. Unknown keys are logged and ignored,
 * so DJL Serving files with keys linr does not use still load.
 */
public final class ServerConfig {
  /** The default of both addresses. */
  public static final String DEFAULT_ADDRESS = "http://127.0.0.1:8080";

  /** The default largest request body, in bytes (DJL Serving's). */
  public static final int DEFAULT_MAX_REQUEST_SIZE = 6_553_500;

  public static final String INFERENCE_ADDRESS = "inference_address";
  public static final String MANAGEMENT_ADDRESS = "management_address";
  public static final String MODEL_STORE = "model_store";
  public static final String LOAD_MODELS = "load_models";
  public static final String JOB_QUEUE_SIZE = "job_queue_size";
  public static final String BATCH_SIZE = "batch_size";
  public static final String MAX_BATCH_DELAY = "max_batch_delay";
  public static final String MAX_IDLE_TIME = "max_idle_time";
  public static final String LOAD_ON_DEVICES = "load_on_devices";
  public static final String MAX_REQUEST_SIZE = "max_request_size";
  public static final String NETTY_THREADS = "number_of_netty_threads";
  public static final String INDEX_DATA_DIR = "index_data_dir";
  public static final String SNAPSHOT_INTERVAL_SECONDS = "snapshot_interval_seconds";
  public static final String EXPIRY_SWEEP_SECONDS = "expiry_sweep_seconds";
  public static final String SNAPSHOT_EVERY_UPDATES = "snapshot_every_updates";
  public static final String INDEX_GROWTH_FACTOR = "index_growth_factor";
  public static final String INDEX_MAX_CAPACITY = "index_max_capacity";
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka_bootstrap_servers";
  public static final String KAFKA_TOPIC_PREFIX = "kafka_topic_prefix";
  public static final String KAFKA_MAX_POLL_RECORDS = "kafka_max_poll_records";

  /** Every key this class reads. */
  public static final Set<String> KEYS =
      Set.of(
          INFERENCE_ADDRESS,
          MANAGEMENT_ADDRESS,
          MODEL_STORE,
          LOAD_MODELS,
          JOB_QUEUE_SIZE,
          BATCH_SIZE,
          MAX_BATCH_DELAY,
          MAX_IDLE_TIME,
          LOAD_ON_DEVICES,
          MAX_REQUEST_SIZE,
          NETTY_THREADS,
          INDEX_DATA_DIR,
          SNAPSHOT_INTERVAL_SECONDS,
          EXPIRY_SWEEP_SECONDS,
          SNAPSHOT_EVERY_UPDATES,
          INDEX_GROWTH_FACTOR,
          INDEX_MAX_CAPACITY,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_TOPIC_PREFIX,
          KAFKA_MAX_POLL_RECORDS);

  private static final String ENV_PREFIX = "SERVING_";
  private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

  private final ServerAddress inferenceAddress;
  private final ServerAddress managementAddress;
  private final Path modelStore;
  private final LoadModels loadModels;
  private final ModelSettings modelDefaults;
  private final int maxRequestSize;
  private final int nettyThreads;
  private final UpdateSettings updateSettings;

  private ServerConfig(Builder b) {
    this.inferenceAddress = b.inferenceAddress;
    this.managementAddress = b.managementAddress;
    this.modelStore = b.modelStore;
    this.loadModels = b.loadModels;
    this.modelDefaults = b.modelDefaults;
    this.maxRequestSize = b.maxRequestSize;
    this.nettyThreads = b.nettyThreads;
    this.updateSettings = b.updateSettings;
  }

  /** Everything at its default. */
  public static ServerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.inferenceAddress = inferenceAddress;
    b.managementAddress = managementAddress;
    b.modelStore = modelStore;
    b.loadModels = loadModels;
    b.modelDefaults = modelDefaults;
    b.maxRequestSize = maxRequestSize;
    b.nettyThreads = nettyThreads;
    b.updateSettings = updateSettings;
    return b;
  }

  /**
   * Reads a {@code config.properties} file (UTF-8) with the {@code SERVING_*} variables of {@code
   * env} applied over it.
   *
   * @param file the file, or null for the defaults with {@code env} applied
   * @throws IllegalArgumentException naming the file, the key and the bad value
   */
  public static ServerConfig read(Path file, Map<String, String> env) throws IOException {
    Map<String, String> properties = new LinkedHashMap<>();
    if (file != null) {
      properties.putAll(load(file));
    }
    properties.putAll(environment(env));
    try {
      return parse(properties);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((file == null ? "" : file + ": ") + e.getMessage(), e);
    }
  }

  /** The properties of a file, read as UTF-8 through a Reader. */
  public static Map<String, String> load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      out.put(key, p.getProperty(key));
    }
    return out;
  }

  /** The known keys set through {@code SERVING_<KEY>} variables, as configuration keys. */
  public static Map<String, String> environment(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(KEYS)) {
      String value = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT));
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  /**
   * A configuration from key/value pairs; keys not given keep their defaults.
   *
   * @throws IllegalArgumentException naming the key and the bad value
   */
  public static ServerConfig parse(Map<String, String> properties) {
    Builder b = builder();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String key = e.getKey();
      String value = Objects.requireNonNull(e.getValue(), key).trim();
      switch (key) {
        case INFERENCE_ADDRESS:
          b.optInferenceAddress(ServerAddress.parse(key, value));
          break;
        case MANAGEMENT_ADDRESS:
          b.optManagementAddress(ServerAddress.parse(key, value));
          break;
        case MODEL_STORE:
          b.optModelStore(value.isEmpty() ? null : Path.of(value));
          break;
        case LOAD_MODELS:
          b.optLoadModels(parseLoadModels(value));
          break;
        case MAX_REQUEST_SIZE:
          b.optMaxRequestSize(ConfigValues.intAtLeast(key, value, 1));
          break;
        case NETTY_THREADS:
          b.optNettyThreads(ConfigValues.intAtLeast(key, value, 0));
          break;
        case INDEX_DATA_DIR:
          b.optUpdateSettings(
              b.updateSettings.withDataDir(value.isEmpty() ? null : Path.of(value)));
          break;
        case SNAPSHOT_INTERVAL_SECONDS:
          b.optUpdateSettings(
              b.updateSettings.withSnapshots(
                  ConfigValues.intAtLeast(key, value, 0), b.updateSettings.snapshotEveryUpdates()));
          break;
        case EXPIRY_SWEEP_SECONDS:
          b.optUpdateSettings(
              b.updateSettings.withExpirySweep(ConfigValues.intAtLeast(key, value, 0)));
          break;
        case SNAPSHOT_EVERY_UPDATES:
          b.optUpdateSettings(
              b.updateSettings.withSnapshots(
                  b.updateSettings.snapshotIntervalSeconds(),
                  ConfigValues.intAtLeast(key, value, 0)));
          break;
        case INDEX_GROWTH_FACTOR:
          b.optUpdateSettings(
              b.updateSettings.withGrowth(
                  ConfigValues.decimalAtLeast(key, value, 1), b.updateSettings.maxCapacity()));
          break;
        case INDEX_MAX_CAPACITY:
          b.optUpdateSettings(
              b.updateSettings.withGrowth(
                  b.updateSettings.growthFactor(), ConfigValues.intAtLeast(key, value, 0)));
          break;
        case KAFKA_BOOTSTRAP_SERVERS:
          b.optUpdateSettings(
              b.updateSettings.withKafka(
                  new KafkaSettings(
                      value,
                      b.updateSettings.kafka().topicPrefix(),
                      b.updateSettings.kafka().maxPollRecords())));
          break;
        case KAFKA_TOPIC_PREFIX:
          b.optUpdateSettings(
              b.updateSettings.withKafka(
                  new KafkaSettings(
                      b.updateSettings.kafka().bootstrapServers(),
                      value,
                      b.updateSettings.kafka().maxPollRecords())));
          break;
        case KAFKA_MAX_POLL_RECORDS:
          b.optUpdateSettings(
              b.updateSettings.withKafka(
                  b.updateSettings
                      .kafka()
                      .withMaxPollRecords(ConfigValues.intAtLeast(key, value, 1))));
          break;
        case JOB_QUEUE_SIZE:
        case BATCH_SIZE:
        case MAX_BATCH_DELAY:
        case MAX_IDLE_TIME:
        case LOAD_ON_DEVICES:
          b.optModelDefaults(withSetting(b.modelDefaults, key, value));
          break;
        default:
          LOG.warn("unknown configuration key {} ignored; linr reads {}", key, new TreeSet<>(KEYS));
      }
    }
    return b.build();
  }

  private static LoadModels parseLoadModels(String value) {
    try {
      return LoadModels.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(LOAD_MODELS + ": " + e.getMessage(), e);
    }
  }

  private static ModelSettings withSetting(ModelSettings s, String key, String value) {
    switch (key) {
      case JOB_QUEUE_SIZE:
        return new ModelSettings(
            s.batchSize(),
            s.maxBatchDelayMillis(),
            ConfigValues.intAtLeast(key, value, 1),
            s.maxIdleSeconds(),
            s.minWorkers(),
            s.maxWorkers(),
            s.devices());
      case BATCH_SIZE:
        return new ModelSettings(
            ConfigValues.intAtLeast(key, value, 1),
            s.maxBatchDelayMillis(),
            s.jobQueueSize(),
            s.maxIdleSeconds(),
            s.minWorkers(),
            s.maxWorkers(),
            s.devices());
      case MAX_BATCH_DELAY:
        return new ModelSettings(
            s.batchSize(),
            ConfigValues.intAtLeast(key, value, 0),
            s.jobQueueSize(),
            s.maxIdleSeconds(),
            s.minWorkers(),
            s.maxWorkers(),
            s.devices());
      case MAX_IDLE_TIME:
        return new ModelSettings(
            s.batchSize(),
            s.maxBatchDelayMillis(),
            s.jobQueueSize(),
            ConfigValues.intAtLeast(key, value, 0),
            s.minWorkers(),
            s.maxWorkers(),
            s.devices());
      default:
        if (value.isEmpty()) {
          throw new IllegalArgumentException(key + " must not be empty");
        }
        return new ModelSettings(
            s.batchSize(),
            s.maxBatchDelayMillis(),
            s.jobQueueSize(),
            s.maxIdleSeconds(),
            s.minWorkers(),
            s.maxWorkers(),
            value);
    }
  }

  /** Where the inference API listens. */
  public ServerAddress inferenceAddress() {
    return inferenceAddress;
  }

  /** Where the management API listens; the same port as inference when the addresses are equal. */
  public ServerAddress managementAddress() {
    return managementAddress;
  }

  /** The model store folder, or null when there is none. */
  public Path modelStore() {
    return modelStore;
  }

  public LoadModels loadModels() {
    return loadModels;
  }

  /** Settings for models whose archive and registration do not set them. */
  public ModelSettings modelDefaults() {
    return modelDefaults;
  }

  /** The largest request body accepted, in bytes; larger bodies get 413. */
  public int maxRequestSize() {
    return maxRequestSize;
  }

  /** Netty I/O threads; 0 for Netty's default (two per core). */
  public int nettyThreads() {
    return nettyThreads;
  }

  /** How index models keep item updates: in memory (default) or durable, and their maintenance. */
  public UpdateSettings updateSettings() {
    return updateSettings;
  }

  @Override
  public String toString() {
    return "ServerConfig{inference="
        + inferenceAddress
        + ", management="
        + managementAddress
        + ", modelStore="
        + modelStore
        + ", loadModels="
        + loadModels
        + ", modelDefaults="
        + modelDefaults
        + ", maxRequestSize="
        + maxRequestSize
        + ", nettyThreads="
        + nettyThreads
        + ", updateSettings="
        + updateSettings
        + "}";
  }

  /** Builds a {@link ServerConfig}; every setting is optional. Not thread-safe. */
  public static final class Builder {
    private ServerAddress inferenceAddress = ServerAddress.parse("default", DEFAULT_ADDRESS);
    private ServerAddress managementAddress = inferenceAddress;
    private Path modelStore;
    private LoadModels loadModels = LoadModels.ALL;
    private ModelSettings modelDefaults = ModelSettings.DEFAULTS;
    private int maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    private int nettyThreads;
    private UpdateSettings updateSettings = UpdateSettings.DEFAULTS;

    private Builder() {}

    public Builder optInferenceAddress(ServerAddress address) {
      this.inferenceAddress = Objects.requireNonNull(address, "inference address");
      return this;
    }

    public Builder optManagementAddress(ServerAddress address) {
      this.managementAddress = Objects.requireNonNull(address, "management address");
      return this;
    }

    /**
     * Sets the port of the inference address, and of the management address too when the two
     * addresses are equal (port 0: a free port, shared by both).
     */
    public Builder optPort(int port) {
      boolean shared = managementAddress.equals(inferenceAddress);
      inferenceAddress = inferenceAddress.withPort(port);
      if (shared) {
        managementAddress = inferenceAddress;
      }
      return this;
    }

    /** The model store folder; null for none. */
    public Builder optModelStore(Path modelStore) {
      this.modelStore = modelStore;
      return this;
    }

    public Builder optLoadModels(LoadModels loadModels) {
      this.loadModels = Objects.requireNonNull(loadModels, "load models");
      return this;
    }

    public Builder optModelDefaults(ModelSettings modelDefaults) {
      this.modelDefaults = Objects.requireNonNull(modelDefaults, "model defaults");
      return this;
    }

    public Builder optMaxRequestSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(MAX_REQUEST_SIZE + " must be at least 1, got: " + bytes);
      }
      this.maxRequestSize = bytes;
      return this;
    }

    public Builder optNettyThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException(NETTY_THREADS + " must be at least 0, got: " + threads);
      }
      this.nettyThreads = threads;
      return this;
    }

    /** How index models keep item updates; default {@link UpdateSettings#DEFAULTS}. */
    public Builder optUpdateSettings(UpdateSettings updateSettings) {
      this.updateSettings = Objects.requireNonNull(updateSettings, "update settings");
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(this);
    }
  }
}
