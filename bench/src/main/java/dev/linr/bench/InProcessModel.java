package dev.linr.bench;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.BytesSupplier;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.wlm.ModelSettings;
import dev.linr.serving.wlm.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The direct side of the overhead comparison: a model registered in this JVM's own {@link
 * ModelRegistry}, the server's job queue and workers around an in-process {@link
 * dev.linr.runtime.LinrIndex}, with the same settings the server gets, and called with the same
 * bodies as the server's HTTP layer would pass on (a {@code data} entry and the content type). What
 * it leaves out is exactly the HTTP layer: the client, the socket, Netty and the other process.
 * Thread-safe; closing it unregisters and closes the model.
 */
final class InProcessModel implements AutoCloseable {
  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelRegistry registry;
  private final String name;

  /**
   * Loads the archive {@code archive} as {@code name}.
   *
   * @param settings server keys, such as {@code batch_size} and {@code max_batch_delay}
   */
  InProcessModel(Path archive, String name, Map<String, String> settings) {
    this.registry = new ModelRegistry(ModelSettings.DEFAULTS, metrics);
    this.name = name;
    try {
      registry.register(
          new ModelSpec(name, null, archive.toUri().toString(), null, null, settings), false);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /**
   * Runs one JSON body through the model's queue and batching; the answer's body.
   *
   * @throws IllegalStateException if the answer's code is not 200
   */
  String call(byte[] json) {
    Input input = new Input();
    input.addProperty("content-type", "application/json");
    input.add("data", json);
    Output out = registry.invoke(name, null, input).join();
    BytesSupplier data = out.getData();
    String body = data == null ? "" : new String(data.getAsBytes(), StandardCharsets.UTF_8);
    if (out.getCode() != 200) {
      throw new IllegalStateException(
          "in-process model "
              + name
              + " answered "
              + out.getCode()
              + " instead of 200: "
              + HttpLoad.abbreviate(body));
    }
    return body;
  }

  /** The model's counters so far. */
  ModelCounters counters() {
    return ModelCounters.read(metrics.render(), name);
  }

  @Override
  public void close() {
    registry.close();
  }
}
