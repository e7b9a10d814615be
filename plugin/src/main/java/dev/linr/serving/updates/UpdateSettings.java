package dev.linr.serving.updates;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How served index models keep their item updates. Immutable.
 *
 * @param dataDir the folder under which each index model keeps its write-ahead log and snapshots
 *     ({@code <dataDir>/<model>} or {@code <dataDir>/<model>/<version>}), or null to keep updates
 *     in memory only (the default: they are lost when the model is unloaded)
 * @param snapshotIntervalSeconds seconds between periodic snapshots of a durable index (default
 *     {@value #DEFAULT_SNAPSHOT_INTERVAL_SECONDS}); 0 for none
 * @param expirySweepSeconds seconds between sweeps that free the slots of expired items, in memory
 *     and durable alike (default {@value #DEFAULT_EXPIRY_SWEEP_SECONDS}); 0 for none
 * @param snapshotEveryUpdates a durable index is also snapshotted after this many logged update
 *     batches since its last snapshot (default 0: only periodically)
 * @param growthFactor how much an index multiplies its capacity when its free slots run low
 *     (default {@value #DEFAULT_GROWTH_FACTOR}; 1: it does not grow, and a full index refuses new
 *     items); see {@link dev.linr.runtime.LiveIndex}
 * @param maxCapacity the largest capacity an index grows to, in slots (default 0: no limit but
 *     {@link Integer#MAX_VALUE})
 * @param kafka the Kafka change stream each index model reads (default {@link KafkaSettings#OFF})
 */
public record UpdateSettings(
    Path dataDir,
    int snapshotIntervalSeconds,
    int expirySweepSeconds,
    int snapshotEveryUpdates,
    double growthFactor,
    int maxCapacity,
    KafkaSettings kafka) {
  public static final int DEFAULT_SNAPSHOT_INTERVAL_SECONDS = 300;
  public static final int DEFAULT_EXPIRY_SWEEP_SECONDS = 60;
  public static final double DEFAULT_GROWTH_FACTOR = 2;

  /** In memory, with the default intervals. */
  public static final UpdateSettings DEFAULTS =
      new UpdateSettings(null, DEFAULT_SNAPSHOT_INTERVAL_SECONDS, DEFAULT_EXPIRY_SWEEP_SECONDS);

  /** Settings with no snapshot after a number of updates, the default growth and no stream. */
  public UpdateSettings(Path dataDir, int snapshotIntervalSeconds, int expirySweepSeconds) {
    this(dataDir, snapshotIntervalSeconds, expirySweepSeconds, 0);
  }

  /** Settings with the default growth and no change stream. */
  public UpdateSettings(
      Path dataDir, int snapshotIntervalSeconds, int expirySweepSeconds, int snapshotEveryUpdates) {
    this(
        dataDir,
        snapshotIntervalSeconds,
        expirySweepSeconds,
        snapshotEveryUpdates,
        DEFAULT_GROWTH_FACTOR,
        0,
        KafkaSettings.OFF);
  }

  public UpdateSettings {
    Objects.requireNonNull(kafka, "kafka");
    if (!(growthFactor >= 1) || Double.isInfinite(growthFactor)) {
      throw new IllegalArgumentException(
          "index_growth_factor must be a number >= 1, got: " + growthFactor);
    }
    if (maxCapacity < 0) {
      throw new IllegalArgumentException("index_max_capacity must be >= 0, got: " + maxCapacity);
    }
    if (snapshotIntervalSeconds < 0) {
      throw new IllegalArgumentException(
          "snapshot_interval_seconds must be >= 0, got: " + snapshotIntervalSeconds);
    }
    if (snapshotEveryUpdates < 0) {
      throw new IllegalArgumentException(
          "snapshot_every_updates must be >= 0, got: " + snapshotEveryUpdates);
    }
    if (expirySweepSeconds < 0) {
      throw new IllegalArgumentException(
          "expiry_sweep_seconds must be >= 0, got: " + expirySweepSeconds);
    }
  }

  /**
   * The data folder of one index model: {@code <dataDir>/<model>}, or {@code
   * <dataDir>/<model>/<version>} when a version is given.
   *
   * @throws IllegalStateException if updates are in memory
   * @throws IllegalArgumentException if the model name or version is not a plain folder name (it is
   *     empty, {@code .}, {@code ..}, or holds a path separator)
   */
  public Path dataFolder(String model, String version) {
    if (dataDir == null) {
      throw new IllegalStateException("updates are in memory: no index_data_dir");
    }
    Path folder = dataDir.resolve(folderName("model name", model));
    if (version != null && !version.isBlank()) {
      folder = folder.resolve(folderName("version", version.trim()));
    }
    return folder;
  }

  private static String folderName(String field, String value) {
    if (value == null
        || value.isEmpty()
        || value.equals(".")
        || value.equals("..")
        || value.contains("/")
        || value.contains("\\")
        || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          field
              + " '"
              + value
              + "' cannot name a folder under index_data_dir: it must be a plain folder name");
    }
    return value;
  }

  /** These settings with another data folder (null: in memory). */
  public UpdateSettings withDataDir(Path dir) {
    return new UpdateSettings(
        dir,
        snapshotIntervalSeconds,
        expirySweepSeconds,
        snapshotEveryUpdates,
        growthFactor,
        maxCapacity,
        kafka);
  }

  /** These settings with other snapshot triggers: a period and a count of update batches. */
  public UpdateSettings withSnapshots(int intervalSeconds, int everyUpdates) {
    return new UpdateSettings(
        dataDir,
        intervalSeconds,
        expirySweepSeconds,
        everyUpdates,
        growthFactor,
        maxCapacity,
        kafka);
  }

  /** These settings with another expiry sweep period. */
  public UpdateSettings withExpirySweep(int seconds) {
    return new UpdateSettings(
        dataDir,
        snapshotIntervalSeconds,
        seconds,
        snapshotEveryUpdates,
        growthFactor,
        maxCapacity,
        kafka);
  }

  /** These settings with another growth factor and maximum capacity. */
  public UpdateSettings withGrowth(double factor, int max) {
    return new UpdateSettings(
        dataDir,
        snapshotIntervalSeconds,
        expirySweepSeconds,
        snapshotEveryUpdates,
        factor,
        max,
        kafka);
  }

  /** These settings with another change stream. */
  public UpdateSettings withKafka(KafkaSettings stream) {
    return new UpdateSettings(
        dataDir,
        snapshotIntervalSeconds,
        expirySweepSeconds,
        snapshotEveryUpdates,
        growthFactor,
        maxCapacity,
        stream);
  }

  /** The maximum capacity as {@link dev.linr.runtime.LiveIndex.Builder#optMaxCapacity} takes it. */
  public long maxCapacitySlots() {
    return maxCapacity == 0 ? Integer.MAX_VALUE : maxCapacity;
  }

  /** Whether updates are logged and snapshotted under {@link #dataDir}. */
  public boolean durable() {
    return dataDir != null;
  }
}
