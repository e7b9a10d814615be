package dev.linr.translate;

/**
 * Planner settings of the index model, from {@code serving.properties}: {@code compactThreshold}
 * and {@code searchPath} ({@code auto}, {@code masked} or {@code compact}; default auto).
 *
 * <p>The automatic choice gathers and scores only the passing items (compact) when the passing
 * items of the whole batch add up to at most {@code compactThreshold} times the item count, and
 * otherwise scores every item once in one masked matrix product. Default 0.3: measured on 200k x
 * 128, a single query at 10% pass rate runs 3.5x faster compacted while at 100% it runs 3.5x
 * slower; a batch of 32 at 10% each (3.2 scans' worth of gathers) is faster masked.
 *
 * @param compactThreshold the share of one scan the batch's passing items may add up to
 * @param path forced path, or {@link SearchPath#AUTO}
 */
public record SearchOptions(double compactThreshold, SearchPath path) {
  public static final SearchOptions DEFAULT = new SearchOptions(0.3, SearchPath.AUTO);

  public SearchOptions {
    if (!(compactThreshold >= 0 && compactThreshold <= 1024)) {
      throw new IllegalArgumentException(
          "compactThreshold must be between 0 and 1024, got: " + compactThreshold);
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
