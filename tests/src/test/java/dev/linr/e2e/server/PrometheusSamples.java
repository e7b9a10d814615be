package dev.linr.e2e.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

  /**
   * Scrapes until the samples satisfy {@code settled}: the server counts a request once its answer
   * is written, which may be a moment after the client has read it. Fails naming {@code what} with
   * the last scrape if they do not within {@code timeout}.
   */
  static PrometheusSamples await(
      Supplier<String> scrape,
      Predicate<PrometheusSamples> settled,
      String what,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      PrometheusSamples s = new PrometheusSamples(scrape.get());
      if (settled.test(s)) {
        return s;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("metrics never showed " + what + " within " + timeout + ": " + s);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * Scrapes until two scrapes {@code gap} apart agree on the series starting with {@code prefix}
   * (at most 50 tries): the counts of requests already answered, some of which the server may still
   * be recording.
   */
  static PrometheusSamples quiet(Supplier<String> scrape, String prefix, Duration gap) {
    PrometheusSamples last = new PrometheusSamples(scrape.get());
    for (int i = 0; i < 50; i++) {
      LockSupport.parkNanos(gap.toNanos());
      PrometheusSamples next = new PrometheusSamples(scrape.get());
      if (next.family(prefix).equals(last.family(prefix))) {
        return next;
      }
      last = next;
    }
    throw new AssertionError("metrics " + prefix + " kept changing: " + last.family(prefix));
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
