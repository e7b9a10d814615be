package dev.linr.serving.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's counters, histograms and gauges, rendered in Prometheus' text format. Thread-safe
 * and lock-free on the counting paths ({@link LongAdder}s and atomic bucket arrays).
 *
 * <p>Metrics ({@code model} is the model or workflow name, {@code ""} for other routes; {@code
 * version} is {@code ""} for a model without versions):
 *
 * <ul>
 *   <li>{@code linr_requests_total{model,code}}: HTTP requests by status
 *   <li>{@code linr_request_errors_total{model}}: requests answered with a status of 400 or more
 *   <li>{@code linr_request_latency_seconds{model}}: histogram, buckets 0.5 ms to 10 s
 *   <li>{@code linr_batch_size{model}}: histogram of jobs per batch, buckets 1, 2, 4, ..., 1024
 *   <li>{@code linr_batch_latency_seconds{model}}: histogram of batch run times
 *   <li>{@code linr_queue_depth}, {@code linr_workers}, {@code linr_index_items} {@code
 *       {model,version}}: gauges of the models {@link #trackModel tracked}
 *   <li>{@code linr_jvm_memory_bytes{area="heap"|"nonheap"}} and {@code
 *       linr_process_resident_memory_bytes} (from {@code /proc/self/status}, where it exists)
 * </ul>
 */
public final class ServerMetrics {
  /** Latency buckets in seconds: 0.5 ms to 10 s. */
  static final List<BigDecimal> LATENCY_BUCKETS =
      decimals(
          "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1",
          "2.5", "5", "10");

  /** Batch size buckets: powers of two up to 1024. */
  static final List<BigDecimal> BATCH_BUCKETS =
      decimals("1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024");

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private final Map<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, Histogram> requestLatency = new ConcurrentHashMap<>();
  private final Map<String, Histogram> batchSizes = new ConcurrentHashMap<>();
  private final Map<String, Histogram> batchLatency = new ConcurrentHashMap<>();
  private final Map<List<String>, Gauges> models =
      new ConcurrentSkipListMap<>(ServerMetrics::byLabels);
  private final Path procStatus;

  /** Metrics that read the process' resident memory from {@code /proc/self/status}. */
  public ServerMetrics() {
    this(Path.of("/proc/self/status"));
  }

  /** For tests: read resident memory from another {@code status} file. */
  ServerMetrics(Path procStatus) {
    this.procStatus = procStatus;
  }

  /**
   * Counts one finished HTTP request.
   *
   * @param model the model or workflow it addressed, or {@code ""} for management and other routes
   * @param status the HTTP status sent
   * @param nanos time from request received to response written
   */
  public void requestFinished(String model, int status, long nanos) {
    String m = model == null ? "" : model;
    requests
        .computeIfAbsent(List.of(m, Integer.toString(status)), k -> new LongAdder())
        .increment();
    if (status >= 400) {
      errors.computeIfAbsent(m, k -> new LongAdder()).increment();
    }
    requestLatency
        .computeIfAbsent(m, k -> Histogram.ofSeconds(LATENCY_BUCKETS))
        .observeNanos(nanos);
  }

  /** Counts one batch run by a model's worker. */
  public void batchRan(String model, int batchSize, long nanos) {
    String m = model == null ? "" : model;
    batchSizes.computeIfAbsent(m, k -> Histogram.ofCounts(BATCH_BUCKETS)).observe(batchSize);
    batchLatency.computeIfAbsent(m, k -> Histogram.ofSeconds(LATENCY_BUCKETS)).observeNanos(nanos);
  }

  /**
   * Publishes the gauges of a model version until {@link #untrackModel}; a second call for the same
   * model and version replaces the first.
   *
   * @param version the version, or null for none
   * @param queueDepth jobs waiting
   * @param workers workers serving
   * @param items items in the index, or a negative number for models that are not indexes
   */
  public void trackModel(
      String model,
      String version,
      IntSupplier queueDepth,
      IntSupplier workers,
      LongSupplier items) {
    models.put(labels(model, version), new Gauges(queueDepth, workers, items));
  }

  /** Stops publishing the gauges of a model version. */
  public void untrackModel(String model, String version) {
    models.remove(labels(model, version));
  }

  /** Batches a model has run so far. */
  public long batches(String model) {
    Histogram h = batchSizes.get(model);
    return h == null ? 0 : h.count();
  }

  /** Everything, in Prometheus text exposition format 0.0.4. */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    header(out, "linr_requests_total", "HTTP requests by model and status code.", "counter");
    requests.entrySet().stream()
        .sorted((a, b) -> byLabels(a.getKey(), b.getKey()))
        .forEach(
            e ->
                sample(
                    out,
                    "linr_requests_total",
                    "model",
                    e.getKey().get(0),
                    "code",
                    e.getKey().get(1),
                    Long.toString(e.getValue().sum())));
    header(
        out,
        "linr_request_errors_total",
        "HTTP requests answered with a status of 400 or more.",
        "counter");
    errors.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sample(
                    out,
                    "linr_request_errors_total",
                    "model",
                    e.getKey(),
                    null,
                    null,
                    Long.toString(e.getValue().sum())));
    histograms(
        out,
        "linr_request_latency_seconds",
        "Time from request received to response written.",
        requestLatency);
    histograms(out, "linr_batch_size", "Jobs per batch run by a model's worker.", batchSizes);
    histograms(out, "linr_batch_latency_seconds", "Time to run one batch.", batchLatency);
    gauges(
        out, "linr_queue_depth", "Jobs waiting in a model's queue.", g -> g.queueDepth.getAsInt());
    gauges(out, "linr_workers", "Workers serving a model.", g -> g.workers.getAsInt());
    header(out, "linr_index_items", "Items in an index model.", "gauge");
    models.forEach(
        (k, g) -> {
          long items = g.items.getAsLong();
          if (items >= 0) {
            sample(
                out,
                "linr_index_items",
                "model",
                k.get(0),
                "version",
                k.get(1),
                Long.toString(items));
          }
        });
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    header(out, "linr_jvm_memory_bytes", "JVM memory in use by area.", "gauge");
    sample(
        out,
        "linr_jvm_memory_bytes",
        "area",
        "heap",
        null,
        null,
        Long.toString(memory.getHeapMemoryUsage().getUsed()));
    sample(
        out,
        "linr_jvm_memory_bytes",
        "area",
        "nonheap",
        null,
        null,
        Long.toString(memory.getNonHeapMemoryUsage().getUsed()));
    OptionalLong rss = residentBytes();
    if (rss.isPresent()) {
      header(
          out,
          "linr_process_resident_memory_bytes",
          "Resident memory of the server process (VmRSS).",
          "gauge");
      out.append("linr_process_resident_memory_bytes ").append(rss.getAsLong()).append('\n');
    }
    return out.toString();
  }

  /** VmRSS from the status file, in bytes; empty where there is none (not Linux). */
  OptionalLong residentBytes() {
    try {
      for (String line : Files.readAllLines(procStatus, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          long value = Long.parseLong(parts[0]);
          return OptionalLong.of(
              parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux) or an unexpected format: the gauge is left out rather than made up.
    }
    return OptionalLong.empty();
  }

  private void gauges(
      StringBuilder out,
      String name,
      String help,
      java.util.function.ToLongFunction<Gauges> value) {
    header(out, name, help, "gauge");
    models.forEach(
        (k, g) ->
            sample(
                out,
                name,
                "model",
                k.get(0),
                "version",
                k.get(1),
                Long.toString(value.applyAsLong(g))));
  }

  private static void histograms(
      StringBuilder out, String name, String help, Map<String, Histogram> byModel) {
    header(out, name, help, "histogram");
    byModel.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> e.getValue().render(out, name, "model", e.getKey()));
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** One sample line with one or two labels ({@code label2} null for one). */
  static void sample(
      StringBuilder out,
      String name,
      String label1,
      String value1,
      String label2,
      String value2,
      String value) {
    out.append(name)
        .append('{')
        .append(label1)
        .append("=\"")
        .append(escapeLabel(value1))
        .append('"');
    if (label2 != null) {
      out.append(',').append(label2).append("=\"").append(escapeLabel(value2)).append('"');
    }
    out.append("} ").append(value).append('\n');
  }

  /** A label value escaped per the text format: backslash, double quote and line feed. */
  static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** HELP text escaped per the text format: backslash and line feed. */
  static String escapeHelp(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** A decimal without exponent or trailing zeros: {@code 0.0005}, {@code 1}, {@code 2.5}. */
  static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  /** Nanoseconds as seconds, exactly: {@code 1500000} is {@code 0.0015}. */
  static String seconds(long nanos) {
    return plain(BigDecimal.valueOf(nanos).divide(NANOS_PER_SECOND));
  }

  private static List<String> labels(String model, String version) {
    return List.of(model == null ? "" : model, version == null ? "" : version);
  }

  private static int byLabels(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<BigDecimal> decimals(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  /** The suppliers behind one model version's gauges. */
  private record Gauges(IntSupplier queueDepth, IntSupplier workers, LongSupplier items) {}
}
