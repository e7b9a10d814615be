package dev.linr.serving.wlm;

import dev.linr.serving.BadRequestException;
import java.util.Map;

/**
 * Applies the server keys of a {@code serving.properties} or a registration request on top of a
 * model's settings. Parsing is strict: every value must be a plain decimal integer in range ({@code
 * "1.7"}, {@code "ten"} and {@code " "} are errors naming the key and the value). Stateless.
 *
 * <p>The keys are DJL Serving's: {@code batch_size} (at least 1), {@code max_batch_delay} (ms, at
 * least 0), {@code job_queue_size} (at least 1), {@code max_idle_time} (s, at least 0), {@code
 * minWorkers} (at least 0), {@code maxWorkers} (at least 1 and at least {@code minWorkers}) and
 * {@code load_on_devices}. {@code minWorkers} and {@code maxWorkers} may carry a {@code cpu.} or
 * {@code gpu.} prefix, which wins over the plain key for models placed on that kind of device. A
 * base whose {@code maxWorkers} is {@link ModelSettings#BY_DEVICE} takes the device's default
 * ({@link ModelSettings#deviceMaxWorkers}), raised to {@code minWorkers} where that is higher.
 */
final class SettingsParser {
  static final String BATCH_SIZE = "batch_size";
  static final String MAX_BATCH_DELAY = "max_batch_delay";
  static final String JOB_QUEUE_SIZE = "job_queue_size";
  static final String MAX_IDLE_TIME = "max_idle_time";
  static final String MIN_WORKERS = "minWorkers";
  static final String MAX_WORKERS = "maxWorkers";
  static final String LOAD_ON_DEVICES = "load_on_devices";
  static final String ENGINE = "engine";

  private SettingsParser() {}

  /**
   * The settings {@code base} with the keys of {@code keys} applied.
   *
   * @param deviceType {@code cpu} or {@code gpu}: which prefixed worker keys apply
   * @param source where the keys come from, for error messages ({@code serving.properties of x})
   * @throws BadRequestException naming the key, the value and the valid range
   */
  static ModelSettings apply(
      ModelSettings base, Map<String, String> keys, String deviceType, String source) {
    int batchSize = intValue(keys, BATCH_SIZE, base.batchSize(), 1, source);
    int maxBatchDelay = intValue(keys, MAX_BATCH_DELAY, base.maxBatchDelayMillis(), 0, source);
    int jobQueueSize = intValue(keys, JOB_QUEUE_SIZE, base.jobQueueSize(), 1, source);
    int maxIdle = intValue(keys, MAX_IDLE_TIME, base.maxIdleSeconds(), 0, source);
    int minWorkers =
        intValue(keys, prefixed(keys, deviceType, MIN_WORKERS), base.minWorkers(), 0, source);
    String maxKey = prefixed(keys, deviceType, MAX_WORKERS);
    int maxWorkers = base.maxWorkers();
    if (maxWorkers == ModelSettings.BY_DEVICE && !keys.containsKey(maxKey)) {
      maxWorkers = Math.max(minWorkers, ModelSettings.deviceMaxWorkers(deviceType));
    }
    maxWorkers = intValue(keys, maxKey, maxWorkers, 1, source);
    String devices = base.devices();
    String d = keys.get(LOAD_ON_DEVICES);
    if (d != null) {
      if (d.isBlank()) {
        throw new BadRequestException(
            LOAD_ON_DEVICES + " in " + source + " is empty; valid: cpu, gpu0, gpu0;gpu1 or *");
      }
      devices = d.trim();
    }
    checkWorkers(minWorkers, maxWorkers, source);
    return new ModelSettings(
        batchSize, maxBatchDelay, jobQueueSize, maxIdle, minWorkers, maxWorkers, devices);
  }

  /**
   * Checks a worker range.
   *
   * @throws BadRequestException unless {@code 0 <= min <= max} and {@code max >= 1}
   */
  static void checkWorkers(int minWorkers, int maxWorkers, String source) {
    if (minWorkers < 0) {
      throw new BadRequestException(
          "minWorkers in " + source + " must be at least 0, got: " + minWorkers);
    }
    if (maxWorkers < 1) {
      throw new BadRequestException(
          "maxWorkers in " + source + " must be at least 1, got: " + maxWorkers);
    }
    if (minWorkers > maxWorkers) {
      throw new BadRequestException(
          "minWorkers ("
              + minWorkers
              + ") in "
              + source
              + " must not exceed maxWorkers ("
              + maxWorkers
              + ")");
    }
  }

  /** {@code cpu.minWorkers} when set and the model runs on a CPU, else the plain key. */
  private static String prefixed(Map<String, String> keys, String deviceType, String key) {
    String p = deviceType + "." + key;
    return keys.containsKey(p) ? p : key;
  }

  private static int intValue(
      Map<String, String> keys, String key, int defaultValue, int min, String source) {
    String raw = keys.get(key);
    if (raw == null) {
      return defaultValue;
    }
    String text = raw.trim();
    int value;
    try {
      if (!text.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException(text);
      }
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          key + " in " + source + " must be an integer, got: '" + raw + "'", e);
    }
    if (value < min) {
      throw new BadRequestException(
          key + " in " + source + " must be at least " + min + ", got: " + value);
    }
    return value;
  }
}
