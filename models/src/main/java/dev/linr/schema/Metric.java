package dev.linr.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a query vector scores an item vector. Higher scores are always better: {@link #L2} scores are
 * negated squared Euclidean distances.
 */
public enum Metric {
  /** Inner product {@code q . e}. */
  DOT,
  /**
   * Cosine similarity; vectors are normalised at build time and queries at search time. A zero
   * vector has cosine 0 with everything.
   */
  COSINE,
  /** Negated squared Euclidean distance {@code -|q - e|^2}. */
  L2;

  /** The name used in schema files and on the command line. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code dot}, {@code cosine} or {@code l2}, case-insensitively. */
  public static Metric parse(String text) {
    for (Metric m : values()) {
      if (m.jsonName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '"
            + text
            + "'; valid metrics: "
            + Arrays.stream(values()).map(Metric::jsonName).collect(Collectors.joining(", ")));
  }
}
