package dev.linr.query;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SearchResponseParser} read from one response body.
 *
 * @param responses the responses in order (one for a non-batch body); unmodifiable
 * @param batch whether the body was a batch ({@code {"responses": [...]}})
 */
public record ParsedResponses(List<SearchResponse> responses, boolean batch) {
  public ParsedResponses {
    responses = List.copyOf(Objects.requireNonNull(responses, "responses"));
    if (!batch && responses.size() != 1) {
      throw new IllegalArgumentException(
          "a non-batch body holds exactly one response, got: " + responses.size());
    }
  }
}
