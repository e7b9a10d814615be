package dev.linr.translate;

import java.util.Locale;

/**
 * How the index model scans for a batch: {@link #MASKED} scores every item and masks the ones that
 * fail (LiNR's V1), {@link #COMPACT} gathers the passing items and scores only those (V2), {@link
 * #INDEXED} finds each query's candidates in the attribute index and evaluates its filter on those
 * alone, {@link #AUTO} picks: indexed when every query's filter has an indexed operand with few
 * enough candidates, else by the batch's measured pass rate. Results are identical either way.
 */
public enum SearchPath {
  AUTO(-1),
  MASKED(0),
  COMPACT(1),
  INDEXED(2);

  private final int code;

  SearchPath(int code) {
    this.code = code;
  }

  /** The model's code for a forced path (-1 for automatic). */
  public int code() {
    return code;
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The path the model reports it ran. */
  static SearchPath ofModelCode(long code) {
    return code == 2 ? INDEXED : code == 1 ? COMPACT : MASKED;
  }

  /** Parses {@code auto}, {@code masked}, {@code compact} or {@code indexed}. */
  public static SearchPath parse(String text) {
    for (SearchPath p : values()) {
      if (p.jsonName().equalsIgnoreCase(text.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown search path '" + text + "'; valid: auto, masked, compact, indexed");
  }
}
