package dev.linr.serving.wlm;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.updates.ItemUpdates;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A loaded model version with its job queue and workers: the server's {@link ModelVersion}.
 * Thread-safe. Closing it stops taking jobs, finishes the queued and running ones, closes the
 * native model and deletes the unpacked archive.
 */
final class ServedModel implements ModelVersion {
  private final String version;
  private final String url;
  private final boolean loadedAtStartup;
  private final LoadedModel loaded;
  private final WorkerPool pool;

  ServedModel(
      LoadedModel loaded,
      String version,
      String url,
      boolean loadedAtStartup,
      ServerMetrics metrics) {
    this.loaded = loaded;
    this.version = version;
    this.url = url;
    this.loadedAtStartup = loadedAtStartup;
    this.pool =
        new WorkerPool(
            loaded.name(), loaded.runner(), loaded.settings(), loaded.placement().first(), metrics);
  }

  @Override
  public String name() {
    return loaded.name();
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public String engine() {
    return loaded.engine();
  }

  @Override
  public String status() {
    return pool.closing() ? "Unloading" : "Healthy";
  }

  @Override
  public CompletableFuture<Output> submit(Input input) {
    return pool.submit(input);
  }

  @Override
  public void scale(int minWorkers, int maxWorkers) {
    SettingsParser.checkWorkers(minWorkers, maxWorkers, "the scaling request");
    pool.scale(minWorkers, maxWorkers);
  }

  @Override
  public int queueDepth() {
    return pool.queueDepth();
  }

  /** Workers serving now. */
  int workerCount() {
    return pool.workers().size();
  }

  @Override
  public OptionalLong items() {
    return loaded.runner().items();
  }

  @Override
  public Optional<ItemUpdates> updates() {
    return loaded.runner().updates();
  }

  /** The settings it was loaded with (the worker range may have been scaled since). */
  ModelSettings settings() {
    return loaded.settings();
  }

  /** What runs its batches. */
  BatchRunner runner() {
    return loaded.runner();
  }

  /** Its job queue and workers; tests hold workers through it. */
  WorkerPool pool() {
    return pool;
  }

  @Override
  public JsonObject describe() {
    ModelSettings s = loaded.settings();
    JsonObject o = new JsonObject();
    o.addProperty("modelName", name());
    o.addProperty("modelUrl", url);
    if (version != null) {
      o.addProperty("version", version);
    }
    o.addProperty("engine", engine());
    o.addProperty("batchSize", s.batchSize());
    o.addProperty("maxBatchDelayMillis", s.maxBatchDelayMillis());
    o.addProperty("maxIdleSeconds", s.maxIdleSeconds());
    o.addProperty("queueSize", s.jobQueueSize());
    o.addProperty("requestInQueue", pool.queueDepth());
    o.addProperty("minWorkers", pool.minWorkers());
    o.addProperty("maxWorkers", pool.maxWorkers());
    o.addProperty("status", status());
    o.addProperty("loadedAtStartup", loadedAtStartup);
    items().ifPresent(n -> o.addProperty("items", n));
    JsonArray workers = new JsonArray();
    for (WorkerPool.WorkerInfo w : pool.workers()) {
      JsonObject wo = new JsonObject();
      wo.addProperty("id", w.id());
      wo.addProperty("startTime", DateTimeFormatter.ISO_INSTANT.format(w.started()));
      wo.addProperty("status", w.busy() ? "BUSY" : "READY");
      JsonObject device = new JsonObject();
      device.addProperty("deviceType", w.device().getDeviceType());
      device.addProperty("deviceId", w.device().getDeviceId());
      wo.add("device", device);
      workers.add(wo);
    }
    o.add("workers", workers);
    return o;
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      loaded.archive().close();
    }
  }

  @Override
  public String toString() {
    return "ServedModel{" + name() + (version == null ? "" : ":" + version) + "}";
  }
}
