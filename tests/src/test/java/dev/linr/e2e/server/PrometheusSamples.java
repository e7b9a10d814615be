package dev.linr.e2e.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code GET /server/metrics}), keyed by series as
 * written ({@code linr_batch_size_bucket{model="idx",le="1"}}). Immutable.
 */
final class PrometheusSamples {
  private final Map<String, String> samples = new LinkedHashMap<>();

  PrometheusSamples(String text) {
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0 || samples.put(line.substring(0, space), line.substring(space + 1)) != null) {
        throw new IllegalArgumentException("bad or repeated sample line: " + line);
      }
    }
  }

  /** A whole-number sample, or 0 when the series is absent (Prometheus' reading of a counter). */
  long count(String series) {
    String v = samples.get(series);
    return v == null ? 0 : Long.parseLong(v);
  }

  /** The series starting with {@code prefix} and their whole-number values, in text order. */
  Map<String, Long> family(String prefix) {
    Map<String, Long> out = new LinkedHashMap<>();
    samples.forEach(
        (series, value) -> {
          if (series.startsWith(prefix)) {
            out.put(series, Long.parseLong(value));
          }
        });
    return out;
  }

  /** The sum of the series starting with {@code prefix}. */
  long sum(String prefix) {
    return family(prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return samples.toString();
  }
}
