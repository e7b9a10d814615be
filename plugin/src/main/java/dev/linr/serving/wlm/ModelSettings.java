package dev.linr.serving.wlm;

/**
 * How a model version is served. Defaults follow DJL Serving.
 *
 * @param batchSize the most jobs run as one batch ({@code batch_size}, default 1)
 * @param maxBatchDelayMillis the longest a batch waits to fill ({@code max_batch_delay}, 100)
 * @param jobQueueSize jobs that may wait; past it, 503 ({@code job_queue_size}, 1000)
 * @param maxIdleSeconds idle time before workers above the minimum stop ({@code max_idle_time}, 60)
 * @param minWorkers workers kept running ({@code minWorkers}, 1)
 * @param maxWorkers workers started under load ({@code maxWorkers}, 1)
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
  /** DJL Serving's defaults. */
  public static final ModelSettings DEFAULTS = new ModelSettings(1, 100, 1000, 60, 1, 1, "cpu");
}
