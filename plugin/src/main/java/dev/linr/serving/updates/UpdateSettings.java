package dev.linr.serving.updates;

import java.nio.file.Path;

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
 */
public record UpdateSettings(Path dataDir, int snapshotIntervalSeconds, int expirySweepSeconds) {
  public static final int DEFAULT_SNAPSHOT_INTERVAL_SECONDS = 300;
  public static final int DEFAULT_EXPIRY_SWEEP_SECONDS = 60;

  /** In memory, with the default intervals. */
  public static final UpdateSettings DEFAULTS =
      new UpdateSettings(null, DEFAULT_SNAPSHOT_INTERVAL_SECONDS, DEFAULT_EXPIRY_SWEEP_SECONDS);

  public UpdateSettings {
    if (snapshotIntervalSeconds < 0) {
      throw new IllegalArgumentException(
          "snapshot_interval_seconds must be >= 0, got: " + snapshotIntervalSeconds);
    }
    if (expirySweepSeconds < 0) {
      throw new IllegalArgumentException(
          "expiry_sweep_seconds must be >= 0, got: " + expirySweepSeconds);
    }
  }

  /** Whether updates are logged and snapshotted under {@link #dataDir}. */
  public boolean durable() {
    return dataDir != null;
  }
}
