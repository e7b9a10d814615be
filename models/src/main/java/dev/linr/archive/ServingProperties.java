package dev.linr.archive;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A model's {@code serving.properties}, read and written as UTF-8. Keys keep their insertion order
 * when written.
 */
public final class ServingProperties {
  public static final String FILE = "serving.properties";

  /** Keys the server reads rather than the translator (DJL Serving's list). */
  private static final java.util.Set<String> SERVER_KEYS =
      java.util.Set.of(
          "engine",
          "load_on_devices",
          "job_queue_size",
          "batch_size",
          "max_batch_delay",
          "max_idle_time",
          "minWorkers",
          "maxWorkers");

  private final Map<String, String> values = new LinkedHashMap<>();

  /** Sets a key (engine, option.*, translator arguments or server keys). */
  public ServingProperties set(String key, String value) {
    values.put(key, value);
    return this;
  }

  /** The value of a key, or null. */
  public String get(String key) {
    return values.get(key);
  }

  /**
   * The translator arguments: every key except engine options ({@code option.*}) and the keys the
   * server itself reads.
   */
  public Map<String, String> translatorArguments() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (!k.startsWith("option.")
              && !SERVER_KEYS.contains(k.replaceFirst("^(gpu|cpu)\\.", ""))) {
            out.put(k, v);
          }
        });
    return out;
  }

  public Map<String, String> asMap() {
    return new LinkedHashMap<>(values);
  }

  /** The properties for an index model named {@code name}. */
  public static ServingProperties forIndex(String name, String translatorClass) {
    return new ServingProperties()
        .set("engine", "PyTorch")
        .set("option.modelName", name)
        .set("option.mapLocation", "true")
        .set("translator", translatorClass)
        .set("compactThreshold", "0.1")
        .set("searchPath", "auto")
        .set("batch_size", "1")
        .set("max_batch_delay", "10");
  }

  /** Writes {@code serving.properties} of an index model into {@code dir}. */
  public void write(Path dir) throws IOException {
    write(dir, "linr index model: DJL Serving loads this folder as a PyTorch model.");
  }

  /** Writes {@code serving.properties} into {@code dir}, headed by a one-line comment. */
  public void write(Path dir, String comment) throws IOException {
    if (comment.contains("\n") || comment.contains("\r")) {
      throw new IllegalArgumentException("the comment must be one line");
    }
    try (Writer out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      out.write("# " + comment + "\n");
      for (Map.Entry<String, String> e : values.entrySet()) {
        out.write(e.getKey() + "=" + e.getValue() + "\n");
      }
    }
  }

  public static ServingProperties read(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    ServingProperties out = new ServingProperties();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.set(k, p.getProperty(k)));
    return out;
  }
}
