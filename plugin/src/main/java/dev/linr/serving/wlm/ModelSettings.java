package dev.linr.serving.wlm;

/**
 * How a model version is served. Defaults follow DJL Serving.
 *
 * @param batchSize the most jobs run as one batch ({@code batch_size}, default 1)
 * @param maxBatchDelayMillis the longest a batch waits to fill ({@code max_batch_delay}, 100)
 * @param jobQueueSize jobs that may wait; past it, 503 ({@code job_queue_size}, 1000)
 * @param maxIdleSeconds idle time before workers above the minimum stop ({@code max_idle_time}, 60)
 * @param minWorkers workers kept running ({@code minWorkers}, 1)
 * @param maxWorkers workers started under load ({@code maxWorkers}; {@link #BY_DEVICE} by default:
 *     as DJL Serving, one a core on a CPU and two on a GPU)
 * @param devices {@code load_on_devices}: {@code cpu}, {@code gpu0;gpu1} or {@code *} ({@code cpu})
 */
public record ModelSettings(
    int batchSize,
    int maxBatchDelayMillis,
    int jobQueueSize,
    int maxIdleSeconds,
    int minWorkers,
    int maxWorkers,
    String devices) {
  /**
   * {@code maxWorkers} left to the device the model loads on: the CPU's cores (each worker runs a
   * batch while the others run theirs), two a GPU. {@link SettingsParser#apply} resolves it.
   */
  public static final int BY_DEVICE = 0;

  /** DJL Serving's defaults. */
  public static final ModelSettings DEFAULTS =
      new ModelSettings(1, 100, 1000, 60, 1, BY_DEVICE, "cpu");

  /** DJL Serving's {@code maxWorkers} where nothing sets it, for a {@code cpu} or {@code gpu}. */
  static int deviceMaxWorkers(String deviceType) {
    return deviceType.equals("gpu") ? 2 : Runtime.getRuntime().availableProcessors();
  }
}
