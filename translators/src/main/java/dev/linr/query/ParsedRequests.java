package dev.linr.query;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SearchRequestParser} read from one body.
 *
 * @param requests the queries in request order (one for a single request); unmodifiable
 * @param batch whether the body was a batch ({@code {"queries": [...]}}); answer a batch with a
 *     batch ({@code {"responses": [...]}}) even when it holds one query
 */
public record ParsedRequests(List<SearchRequest> requests, boolean batch) {
  public ParsedRequests {
    requests = List.copyOf(Objects.requireNonNull(requests, "requests"));
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("requests must not be empty");
    }
    if (!batch && requests.size() != 1) {
      throw new IllegalArgumentException(
          "a single (non-batch) request holds exactly one query, got: " + requests.size());
    }
  }
}
