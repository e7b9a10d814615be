package dev.linr.rank;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.linr.query.Hit;
import dev.linr.query.SearchResponseWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One ranking request: the query vector as the client sent it, the candidates the retrieval step
 * returned (in retrieval order, as {@link Hit}s: id, retrieval score, and the stored vector and
 * attributes the ranker reads) and how many ranked hits to return. Immutable; the vector is copied
 * in and out.
 *
 * <p>{@link #attributesIncluded()} says whether the candidates carry their attributes (the
 * retrieval step was asked for {@code include: ["attributes"]}); it is true when set on the builder
 * or when any candidate has attributes. Ranked hits echo the attributes when it is true.
 */
public final class RankRequest {
  private final float[] vector;
  private final List<Hit> candidates;
  private final int n;
  private final boolean attributesIncluded;

  private RankRequest(Builder b) {
    this.vector = b.vector == null ? null : b.vector.clone();
    this.candidates = List.copyOf(b.candidates);
    this.n = b.n;
    this.attributesIncluded =
        b.attributesIncluded || candidates.stream().anyMatch(h -> !h.attributes().isEmpty());
  }

  /** A copy of the query vector, or null when none was given. */
  public float[] vector() {
    return vector == null ? null : vector.clone();
  }

  /** The candidates in retrieval order; unmodifiable. */
  public List<Hit> candidates() {
    return candidates;
  }

  /** How many ranked hits to return, when limited. */
  public OptionalInt n() {
    return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** How many ranked hits this request gets: {@code min(n, candidates)}. */
  public int limit() {
    return n < 0 ? candidates.size() : Math.min(n, candidates.size());
  }

  /** Whether the candidates carry attributes, which the ranked hits then echo. */
  public boolean attributesIncluded() {
    return attributesIncluded;
  }

  /**
   * The request as JSON, in the form {@link RankRequestParser} reads: {@code vector} (when given),
   * {@code candidates} (each as a search response writes its hits) and {@code n} (when limited).
   */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    if (vector != null) {
      o.add("vector", floats(vector));
    }
    JsonArray a = new JsonArray(candidates.size());
    for (Hit h : candidates) {
      JsonObject c = new JsonObject();
      c.add(
          "id",
          h.id() instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Long) h.id()));
      c.add("score", new JsonPrimitive(h.score()));
      if (attributesIncluded) {
        c.add("attributes", SearchResponseWriter.attributes(h.attributes()));
      }
      if (h.hasVector()) {
        c.add("vector", floats(h.vector()));
      }
      a.add(c);
    }
    o.add("candidates", a);
    if (n >= 0) {
      o.addProperty("n", n);
    }
    return o;
  }

  /** A batch body {@code {"queries": [...]}} holding these requests in order. */
  public static JsonObject toBatchJson(List<RankRequest> requests) {
    JsonArray a = new JsonArray(requests.size());
    requests.forEach(r -> a.add(r.toJson()));
    JsonObject o = new JsonObject();
    o.add("queries", a);
    return o;
  }

  private static JsonElement floats(float[] v) {
    JsonArray a = new JsonArray(v.length);
    for (float x : v) {
      a.add(new JsonPrimitive(x));
    }
    return a;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RankRequest r
        && n == r.n
        && attributesIncluded == r.attributesIncluded
        && Arrays.equals(vector, r.vector)
        && candidates.equals(r.candidates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(vector), candidates, n, attributesIncluded);
  }

  @Override
  public String toString() {
    return "RankRequest{vector="
        + (vector == null ? "none" : "float[" + vector.length + "]")
        + ", candidates="
        + candidates.size()
        + (n < 0 ? "" : ", n=" + n)
        + (attributesIncluded ? ", attributesIncluded" : "")
        + "}";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RankRequest}; {@link #build()} validates. */
  public static final class Builder {
    private float[] vector;
    private final List<Hit> candidates = new ArrayList<>();
    private int n = -1;
    private boolean attributesIncluded;

    private Builder() {}

    /**
     * The query vector as the client sent it (copied); needed by rankers with the product feature.
     */
    public Builder optVector(float[] vector) {
      this.vector = vector == null ? null : vector.clone();
      return this;
    }

    /** The candidates in retrieval order. Required, may be empty. */
    public Builder setCandidates(List<Hit> candidates) {
      Objects.requireNonNull(candidates, "candidates");
      if (candidates.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("candidates must not contain null");
      }
      this.candidates.clear();
      this.candidates.addAll(candidates);
      return this;
    }

    /** How many ranked hits to return; default all. */
    public Builder optN(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be at least 0, got: " + n);
      }
      this.n = n;
      return this;
    }

    /** Whether the candidates carry attributes (even where empty); default false. */
    public Builder optAttributesIncluded(boolean attributesIncluded) {
      this.attributesIncluded = attributesIncluded;
      return this;
    }

    public RankRequest build() {
      return new RankRequest(this);
    }
  }
}
