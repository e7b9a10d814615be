package dev.linr.translate;

/**
 * Planner settings of the index model, from {@code serving.properties}: {@code compactThreshold}
 * (the largest pass rate, 0..1, at which a batch scores only its passing items; default 0.02) and
 * {@code searchPath} ({@code auto}, {@code masked} or {@code compact}; default auto).
 *
 * @param compactThreshold largest per-query pass rate for the compact path
 * @param path forced path, or {@link SearchPath#AUTO}
 */
public record SearchOptions(double compactThreshold, SearchPath path) {
  public static final SearchOptions DEFAULT = new SearchOptions(0.02, SearchPath.AUTO);

  public SearchOptions {
    if (!(compactThreshold >= 0 && compactThreshold <= 1)) {
      throw new IllegalArgumentException(
          "compactThreshold must be between 0 and 1, got: " + compactThreshold);
    }
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
  }

  /** The same options with a forced path. */
  public SearchOptions withPath(SearchPath forced) {
    return new SearchOptions(compactThreshold, forced);
  }
}
