package dev.linr.serving.metrics;

/**
 * The server's counters, histograms and gauges, rendered in Prometheus' text format. Thread-safe.
 */
public final class ServerMetrics {
  /**
   * Counts one finished HTTP request.
   *
   * @param model the model or workflow it addressed, or {@code ""} for management and other routes
   * @param status the HTTP status sent
   * @param nanos time from request received to response written
   */
  public void requestFinished(String model, int status, long nanos) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Counts one batch run by a model's worker. */
  public void batchRan(String model, int batchSize, long nanos) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Everything, in Prometheus text exposition format 0.0.4. */
  public String render() {
    throw new UnsupportedOperationException("not built yet");
  }
}
