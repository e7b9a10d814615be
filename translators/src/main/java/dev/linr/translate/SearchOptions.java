package dev.linr.translate;

/**
 * Planner settings of the index model, from {@code serving.properties}: {@code compactThreshold},
 * {@code searchPath} ({@code auto}, {@code masked} or {@code compact}; default auto) and {@code
 * smallWork}.
 *
 * <p>The compact path gathers the union of the batch's passing items once and scores the whole
 * batch against it; the masked path scores the batch against every item. {@code compactThreshold} t
 * is the pass rate at which the two cost the same for a single query: a batch of B queries is
 * compacted when its union holds at most {@code n * B * t / (B * t + 1 - t)} of the n items ({@code
 * t * n} for one query; the gather is shared, so larger batches compact larger unions: 78% of the
 * items for B = 32 at t = 0.1). Default 0.1: measured on 1M x 128 float32, one query breaks even at
 * 10% (at 200k x 128 near 20%), while batches of 32 still ran 1.4x to 20x faster compacted at 3% to
 * 50%.
 *
 * <p>{@code smallWork}: on CPU an automatic search first runs on one intra-op thread, limited to
 * that many values read (rows times the values each row is scored with); the model declines larger
 * work, which then runs on every thread. 0 turns this off. Default 1,048,576 (4 MB of float32
 * rows): selective searches ran up to 1.4x faster on one thread than on two, while searches over
 * more rows gain from both (BENCHMARKS.md, "One thread for small searches").
 *
 * @param compactThreshold the pass rate at which compact and masked cost the same for one query
 * @param path forced path, or {@link SearchPath#AUTO}
 * @param smallWork the most values an automatic search reads on one thread first (0: never)
 */
public record SearchOptions(double compactThreshold, SearchPath path, long smallWork) {
  public static final SearchOptions DEFAULT = new SearchOptions(0.1, SearchPath.AUTO, 1 << 20);

  public SearchOptions {
    if (smallWork < 0) {
      throw new IllegalArgumentException("smallWork must be at least 0, got: " + smallWork);
    }
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
    return new SearchOptions(compactThreshold, forced, smallWork);
  }
}
