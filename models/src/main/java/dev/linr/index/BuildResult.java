package dev.linr.index;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a build produced.
 *
 * @param folder the archive folder
 * @param name the model name
 * @param count items indexed
 * @param capacity slots allocated
 * @param modelBytes size of the TorchScript file
 * @param elapsed wall time of the whole build
 */
public record BuildResult(
    Path folder, String name, long count, long capacity, long modelBytes, Duration elapsed) {
  /** Items per second over the whole build. */
  public double itemsPerSecond() {
    double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
    return count / seconds;
  }
}
