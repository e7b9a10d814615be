package dev.linr.rank;

import dev.linr.query.SearchRequest;
import java.util.Objects;

/**
 * One request to a fused retrieval and ranking model: retrieve the top {@code k} items for the
 * query (its vector and filter, exactly as the index answers a search), rank them, and answer the
 * best {@code n} by ranker score. The same request as the retrieval-then-ranking workflow's {@code
 * {"vector", "k", "n", "filter"}}. Immutable.
 *
 * @param search the retrieval: vector (as the client sent it), k and filter; what it asks to
 *     include is ignored
 * @param n how many ranked hits to answer, at least 1 and at most {@code search.k()}
 */
public record FusedRequest(SearchRequest search, int n) {
  /** The n of a request that gives none, as the workflow's. */
  public static final int DEFAULT_N = 10;

  /** The k of a request that gives none is the larger of this and n, as the workflow's. */
  public static final int DEFAULT_K = 100;

  /**
   * @throws IllegalArgumentException if n is below 1 or above the search's k
   */
  public FusedRequest {
    Objects.requireNonNull(search, "search");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got: " + n);
    }
    if (search.k() < n) {
      throw new IllegalArgumentException(
          "k must be at least n ("
              + n
              + "): retrieval must find every hit the ranker answers, got: "
              + search.k());
    }
  }

  /** The query vector as the client sent it (a copy). */
  public float[] vector() {
    return search.vector();
  }

  /** How many candidates retrieval finds. */
  public int k() {
    return search.k();
  }
}
