package dev.linr.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one {@link SearchRequest}: the hits, best first, how many items matched the filter
 * (all items when there is none), and optional stats such as {@code {"path": "masked"}}. Immutable.
 *
 * <p>{@link #attributesIncluded()} says whether each hit is written with an {@code "attributes"}
 * object (an empty one for items without values); it is true when set on the builder (do so when
 * the request included {@link Include#ATTRIBUTES}) or when any hit carries attributes.
 */
public final class SearchResponse {
  private final List<Hit> hits;
  private final long matched;
  private final Map<String, Object> stats;
  private final boolean attributesIncluded;

  /** A response with no stats. */
  public SearchResponse(List<Hit> hits, long matched) {
    this(builder().setHits(hits).setMatched(matched));
  }

  private SearchResponse(Builder b) {
    if (!b.matchedSet) {
      throw new IllegalArgumentException("matched is required");
    }
    if (b.matched < 0) {
      throw new IllegalArgumentException("matched must be at least 0, got: " + b.matched);
    }
    if (b.matched < b.hits.size()) {
      throw new IllegalArgumentException(
          "matched must be at least the number of hits (" + b.hits.size() + "), got: " + b.matched);
    }
    this.hits = Collections.unmodifiableList(new ArrayList<>(b.hits));
    this.matched = b.matched;
    this.stats = Collections.unmodifiableMap(new LinkedHashMap<>(b.stats));
    this.attributesIncluded =
        b.attributesIncluded || hits.stream().anyMatch(h -> !h.attributes().isEmpty());
  }

  /** The hits, best first; unmodifiable. */
  public List<Hit> hits() {
    return hits;
  }

  /** How many items passed the filter; at least {@code hits().size()}. */
  public long matched() {
    return matched;
  }

  /** Extra information (string to String/Long/Double/Boolean), in insertion order; may be empty. */
  public Map<String, Object> stats() {
    return stats;
  }

  /** Whether every hit is written with an {@code "attributes"} object. */
  public boolean attributesIncluded() {
    return attributesIncluded;
  }

  /** A builder pre-filled with this response's values. */
  public Builder toBuilder() {
    return builder()
        .setHits(hits)
        .setMatched(matched)
        .optStats(stats)
        .optAttributesIncluded(attributesIncluded);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchResponse r
        && matched == r.matched
        && attributesIncluded == r.attributesIncluded
        && hits.equals(r.hits)
        && stats.equals(r.stats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hits, matched, stats, attributesIncluded);
  }

  @Override
  public String toString() {
    return "SearchResponse{hits="
        + hits
        + ", matched="
        + matched
        + (stats.isEmpty() ? "" : ", stats=" + stats)
        + (attributesIncluded ? ", attributesIncluded" : "")
        + "}";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchResponse}; {@link #build()} validates. */
  public static final class Builder {
    private final List<Hit> hits = new ArrayList<>();
    private long matched;
    private boolean matchedSet;
    private final Map<String, Object> stats = new LinkedHashMap<>();
    private boolean attributesIncluded;

    private Builder() {}

    /** Replaces the hits (best first). Required, may be empty. */
    public Builder setHits(List<Hit> hits) {
      Objects.requireNonNull(hits, "hits");
      if (hits.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("hits must not contain null");
      }
      this.hits.clear();
      this.hits.addAll(hits);
      return this;
    }

    /** Appends a hit. */
    public Builder addHit(Hit hit) {
      hits.add(Objects.requireNonNull(hit, "hit"));
      return this;
    }

    /** How many items passed the filter. Required. */
    public Builder setMatched(long matched) {
      this.matched = matched;
      this.matchedSet = true;
      return this;
    }

    /** Replaces the stats; values String, Long, Double or Boolean (Integer, Float are widened). */
    public Builder optStats(Map<String, ?> stats) {
      Map<String, Object> checked = Values.stats(stats);
      this.stats.clear();
      this.stats.putAll(checked);
      return this;
    }

    /** Adds (or replaces) one stat, e.g. {@code optStat("path", "masked")}. */
    public Builder optStat(String name, Object value) {
      stats.put(Values.statName(name), Values.stat(name, value));
      return this;
    }

    /** Whether hits are written with attributes (set when the request included them). */
    public Builder optAttributesIncluded(boolean attributesIncluded) {
      this.attributesIncluded = attributesIncluded;
      return this;
    }

    /**
     * Builds the response.
     *
     * @throws IllegalArgumentException if matched was not set, is negative or is below the number
     *     of hits
     */
    public SearchResponse build() {
      return new SearchResponse(this);
    }
  }
}
