package dev.linr.serving.wlm;

import java.util.Map;

/**
 * What to load: a model archive and how to serve it, from a load spec ({@code
 * [name[:version[:engine[:devices]]]=]url}), a registration request or a workflow's model entry.
 *
 * @param name the model name, or null to derive it from the URL (last path segment, extension
 *     dropped, non-word characters replaced by {@code _})
 * @param version the version, or null for none
 * @param url {@code file:} URL or plain path of a folder, {@code .zip}, {@code .tar.gz}, {@code
 *     .tgz} or {@code .tar}
 * @param engine {@code PyTorch} or {@code OnnxRuntime}, or null to take it from {@code
 *     serving.properties}
 * @param devices {@code cpu}, {@code gpu0;gpu1}, {@code *}, or null to take {@code load_on_devices}
 *     from {@code serving.properties} (else the server default)
 * @param settings server keys that override the archive's {@code serving.properties} ({@code
 *     batch_size}, {@code max_batch_delay}, {@code job_queue_size}, {@code minWorkers}, {@code
 *     maxWorkers}, {@code max_idle_time}), as strings parsed strictly
 */
public record ModelSpec(
    String name,
    String version,
    String url,
    String engine,
    String devices,
    Map<String, String> settings) {
  public ModelSpec {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url is required");
    }
    settings = Map.copyOf(settings == null ? Map.of() : settings);
  }

  /** A spec for a URL with everything else defaulted. */
  public static ModelSpec of(String url) {
    return new ModelSpec(null, null, url, null, null, Map.of());
  }
}
