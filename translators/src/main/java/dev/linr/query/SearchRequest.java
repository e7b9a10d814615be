package dev.linr.query;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One query: a vector, how many hits to return, an optional filter expression and what to include
 * in each hit. Immutable; the vector is copied in and out.
 *
 * <p>Use {@link #builder()}: {@code set*} for required values, {@code opt*} for optional ones.
 * {@link Builder#build()} checks that the vector is non-empty and finite and that k is at least 1;
 * the index-specific limits (dimension, largest k) are checked by {@link SearchRequestParser}.
 */
public final class SearchRequest {
  /** The k used when a request does not give one. */
  public static final int DEFAULT_K = 10;

  private final float[] vector;
  private final int k;
  private final String filter;
  private final Set<Include> include;

  private SearchRequest(Builder b) {
    this.vector = b.vector.clone();
    this.k = b.k;
    this.filter = b.filter;
    this.include = Collections.unmodifiableSet(EnumSet.copyOf(b.include));
  }

  /** A copy of the query vector. */
  public float[] vector() {
    return vector.clone();
  }

  /** The number of values in the vector. */
  public int dimension() {
    return vector.length;
  }

  /** Copies the vector into {@code dest} starting at {@code offset}, without allocating. */
  public void copyVectorTo(float[] dest, int offset) {
    System.arraycopy(vector, 0, dest, offset, vector.length);
  }

  /** How many hits to return at most; at least 1. */
  public int k() {
    return k;
  }

  /** The filter expression, if any (never blank). */
  public Optional<String> filter() {
    return Optional.ofNullable(filter);
  }

  /** What each hit should carry besides id and score; unmodifiable, possibly empty. */
  public Set<Include> include() {
    return include;
  }

  /** Whether {@link #include()} contains {@code what}. */
  public boolean includes(Include what) {
    return include.contains(what);
  }

  /**
   * The request as JSON, in the form {@link SearchRequestParser} reads: {@code vector} (each value
   * as its shortest float decimal, so it parses back to the same float), {@code k}, and {@code
   * filter} and {@code include} when set.
   */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    JsonArray v = new JsonArray(vector.length);
    for (float x : vector) {
      v.add(new JsonPrimitive(x));
    }
    o.add("vector", v);
    o.addProperty("k", k);
    if (filter != null) {
      o.addProperty("filter", filter);
    }
    if (!include.isEmpty()) {
      JsonArray inc = new JsonArray();
      include.forEach(i -> inc.add(i.jsonName()));
      o.add("include", inc);
    }
    return o;
  }

  /** A batch body {@code {"queries": [...]}} holding these requests in order. */
  public static JsonObject toBatchJson(List<SearchRequest> queries) {
    JsonArray a = new JsonArray(queries.size());
    for (SearchRequest q : queries) {
      a.add(q.toJson());
    }
    JsonObject o = new JsonObject();
    o.add("queries", a);
    return o;
  }

  /** A builder pre-filled with this request's values. */
  public Builder toBuilder() {
    return builder().setVector(vector).optK(k).optFilter(filter).optInclude(include);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchRequest r
        && k == r.k
        && Arrays.equals(vector, r.vector)
        && Objects.equals(filter, r.filter)
        && include.equals(r.include);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(vector), k, filter, include);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SearchRequest{vector=float[").append(vector.length);
    sb.append("] [");
    for (int i = 0; i < Math.min(4, vector.length); i++) {
      sb.append(i == 0 ? "" : ", ").append(vector[i]);
    }
    sb.append(vector.length > 4 ? ", ...]" : "]").append(", k=").append(k);
    if (filter != null) {
      sb.append(", filter=").append(filter);
    }
    if (!include.isEmpty()) {
      sb.append(", include=").append(include);
    }
    return sb.append('}').toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchRequest}; {@link #build()} validates. */
  public static final class Builder {
    private float[] vector;
    private int k = DEFAULT_K;
    private String filter;
    private final Set<Include> include = EnumSet.noneOf(Include.class);

    private Builder() {}

    /** The query vector (copied). Required. */
    public Builder setVector(float[] vector) {
      this.vector = vector == null ? null : vector.clone();
      return this;
    }

    /** How many hits to return at most; default {@value SearchRequest#DEFAULT_K}. */
    public Builder optK(int k) {
      this.k = k;
      return this;
    }

    /** A filter expression; {@code null} or blank means no filter. */
    public Builder optFilter(String filter) {
      this.filter = filter == null || filter.isBlank() ? null : filter;
      return this;
    }

    /** Replaces what to include in each hit. */
    public Builder optInclude(Collection<Include> include) {
      Objects.requireNonNull(include, "include");
      if (include.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("include must not contain null");
      }
      this.include.clear();
      this.include.addAll(include);
      return this;
    }

    /** Replaces what to include in each hit. */
    public Builder optInclude(Include... include) {
      return optInclude(Arrays.asList(include));
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field: vector missing, empty or not finite, or k
     *     below 1
     */
    public SearchRequest build() {
      if (vector == null) {
        throw new IllegalArgumentException("vector is required");
      }
      if (vector.length == 0) {
        throw new IllegalArgumentException("vector must not be empty");
      }
      for (int i = 0; i < vector.length; i++) {
        if (!Float.isFinite(vector[i])) {
          throw new IllegalArgumentException(
              "vector[" + i + "] is " + vector[i] + "; vector values must be finite numbers");
        }
      }
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, got: " + k);
      }
      return new SearchRequest(this);
    }
  }
}
