package dev.linr.rank;

import dev.linr.query.Hit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One ranked candidate.
 *
 * @param id the item id, as the candidate gave it (a Long or a String)
 * @param score the ranker's score; higher is better
 * @param retrievalScore the candidate's score from the retrieval step
 * @param attributes the candidate's attributes, as given, in their order; unmodifiable, empty when
 *     none
 */
public record RankedHit(
    Object id, float score, float retrievalScore, Map<String, Object> attributes) {
  public RankedHit {
    Objects.requireNonNull(id, "id");
    attributes =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")));
  }

  /** The ranked form of a candidate. */
  static RankedHit of(Hit candidate, float score) {
    return new RankedHit(candidate.id(), score, candidate.score(), candidate.attributes());
  }
}
