package dev.linr.rank;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RankRequestParser} read from one body.
 *
 * @param requests the requests in order (one for a non-batch body); unmodifiable
 * @param batch whether the body was a batch ({@code {"queries": [...]}})
 */
public record ParsedRankRequests(List<RankRequest> requests, boolean batch) {
  public ParsedRankRequests {
    requests = List.copyOf(Objects.requireNonNull(requests, "requests"));
    if (!batch && requests.size() != 1) {
      throw new IllegalArgumentException(
          "a non-batch body holds exactly one request, got: " + requests.size());
    }
  }
}
