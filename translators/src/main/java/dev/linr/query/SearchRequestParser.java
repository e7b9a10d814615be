package dev.linr.query;

import static dev.linr.query.RequestBodies.present;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.schema.IndexSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads request bodies into {@link SearchRequest}s. Thread-safe and reusable.
 *
 * <p>A body is one query {@code {"vector": [...], "k": 10, "filter": "geo = 'us'", "include":
 * ["attributes"]}} or a batch {@code {"queries": [{...}, {...}]}} of such objects. {@code k}
 * defaults to {@value SearchRequest#DEFAULT_K} (or the largest k, if smaller), {@code filter} to
 * none, {@code include} to nothing; an explicit {@code null} counts as absent, and a blank filter
 * as none. A JSON number is a valid k when it is integral ({@code 10}, {@code 10.0}, {@code 1e3}).
 *
 * <p>Every problem is a {@link RequestParseException} whose {@link RequestParseException#field()
 * field} is the JSON path of the offending value ({@code queries[1].vector[5]}) and whose message
 * starts with that path and says what is valid. Duplicate keys, unknown fields and {@code NaN} or
 * {@code Infinity} values (which Gson's lenient syntax lets through) are rejected.
 */
public final class SearchRequestParser {
  /** The default largest k. */
  public static final int DEFAULT_MAX_K = 10_000;

  /** The default largest number of queries in one batch. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 1024;

  private static final String QUERY_FIELDS = "vector, k, filter, include";
  private static final Set<String> QUERY_FIELD_SET = Set.of("vector", "k", "filter", "include");

  private final int dimension;
  private final int maxK;
  private final int maxBatchSize;

  /** A parser with the defaults: any dimension, k up to 10000, batches up to 1024 queries. */
  public SearchRequestParser() {
    this(0, DEFAULT_MAX_K, DEFAULT_MAX_BATCH_SIZE);
  }

  /**
   * A parser with these limits.
   *
   * @param dimension the required vector length, or 0 to accept any length up to {@link
   *     IndexSchema#MAX_DIMENSION}
   * @param maxK the largest k a request may ask for
   * @param maxBatchSize the most queries one batch may hold
   * @throws IllegalArgumentException if a limit is out of range
   */
  public SearchRequestParser(int dimension, int maxK, int maxBatchSize) {
    if (dimension < 0 || dimension > IndexSchema.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be 0 (any) or between 1 and "
              + IndexSchema.MAX_DIMENSION
              + ", got: "
              + dimension);
    }
    if (maxK < 1) {
      throw new IllegalArgumentException("maxK must be at least 1, got: " + maxK);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1, got: " + maxBatchSize);
    }
    this.dimension = dimension;
    this.maxK = maxK;
    this.maxBatchSize = maxBatchSize;
  }

  /** A parser that requires vectors of the schema's dimension; other limits default. */
  public static SearchRequestParser forSchema(IndexSchema schema) {
    return builder().optDimension(schema.dimension()).build();
  }

  /** The required vector length, or 0 when any length up to the largest supported is accepted. */
  public int dimension() {
    return dimension;
  }

  public int maxK() {
    return maxK;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** Parses a UTF-8 body. */
  public ParsedRequests parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Parses a body given as text. */
  public ParsedRequests parse(String body) {
    return parse(RequestBodies.read(body));
  }

  /**
   * Parses a body that is already a JSON tree. Duplicate keys cannot be detected here (Gson has
   * already kept the last one).
   */
  public ParsedRequests parse(JsonElement body) {
    if (body == null || !body.isJsonObject()) {
      throw new RequestParseException(
          "",
          "request body must be a JSON object such as {\"vector\": [...]} or {\"queries\":"
              + " [...]}, got "
              + JsonTrees.describe(body));
    }
    JsonObject root = body.getAsJsonObject();
    JsonElement queries = present(root, "queries");
    for (String name : root.keySet()) {
      if (!name.equals("queries") && !QUERY_FIELD_SET.contains(name)) {
        throw new RequestParseException(
            name, "unknown field '" + name + "'; valid fields: " + QUERY_FIELDS + ", queries");
      }
    }
    if (queries == null) {
      return new ParsedRequests(List.of(query(root, "")), false);
    }
    for (String name : root.keySet()) {
      if (QUERY_FIELD_SET.contains(name) && present(root, name) != null) {
        throw new RequestParseException(
            name,
            name.equals("vector")
                ? "vector and queries cannot be combined: give either one query's vector or a"
                    + " batch of queries"
                : name
                    + " cannot be combined with queries: give "
                    + name
                    + " inside each query of the batch");
      }
    }
    JsonArray array = RequestBodies.batch(queries, maxBatchSize, "query objects", "queries");
    List<SearchRequest> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "queries[" + i + "]";
      JsonObject q = RequestBodies.batchElement(array, i, "a query object");
      for (String name : q.keySet()) {
        if (!QUERY_FIELD_SET.contains(name)) {
          throw new RequestParseException(
              path + "." + name,
              "unknown field '"
                  + path
                  + "."
                  + name
                  + "'; valid fields in a query: "
                  + QUERY_FIELDS);
        }
      }
      out.add(query(q, path + "."));
    }
    return new ParsedRequests(out, true);
  }

  /** One query object; {@code prefix} is "" or "queries[i].". */
  private SearchRequest query(JsonObject o, String prefix) {
    SearchRequest.Builder b = SearchRequest.builder().setVector(vector(o, prefix));
    b.optK(k(present(o, "k"), prefix + "k"));
    JsonElement filter = present(o, "filter");
    if (filter != null) {
      if (!filter.isJsonPrimitive() || !filter.getAsJsonPrimitive().isString()) {
        throw new RequestParseException(
            prefix + "filter",
            prefix
                + "filter must be a string such as \"geo = 'us'\", got "
                + JsonTrees.describe(filter));
      }
      b.optFilter(filter.getAsString());
    }
    b.optInclude(include(present(o, "include"), prefix + "include"));
    return b.build();
  }

  private float[] vector(JsonObject o, String prefix) {
    String field = prefix + "vector";
    JsonElement e = present(o, "vector");
    if (e == null) {
      throw new RequestParseException(
          field,
          field
              + " is required"
              + (prefix.isEmpty() ? " (or queries, for a batch)" : "")
              + ": an array of numbers");
    }
    return JsonNumbers.vector(e, field, dimension);
  }

  private int k(JsonElement e, String field) {
    if (e == null) {
      return Math.min(SearchRequest.DEFAULT_K, maxK);
    }
    return JsonNumbers.integer(e, field, 1, maxK);
  }

  private static Set<Include> include(JsonElement e, String field) {
    Set<Include> out = EnumSet.noneOf(Include.class);
    if (e == null) {
      return out;
    }
    if (!e.isJsonArray()) {
      throw new RequestParseException(
          field,
          field
              + " must be an array of names (valid: "
              + Include.validNames()
              + "), got "
              + JsonTrees.describe(e));
    }
    JsonArray a = e.getAsJsonArray();
    for (int i = 0; i < a.size(); i++) {
      String f = field + "[" + i + "]";
      JsonElement x = a.get(i);
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
        throw new RequestParseException(
            f,
            f
                + " must be a name (valid: "
                + Include.validNames()
                + "), got "
                + JsonTrees.describe(x));
      }
      try {
        out.add(Include.parse(x.getAsString()));
      } catch (IllegalArgumentException ex) {
        throw new RequestParseException(
            f,
            f
                + " is \""
                + JsonTrees.abbreviate(x.getAsString())
                + "\", not a known name; valid: "
                + Include.validNames(),
            ex);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SearchRequestParser{dimension="
        + (dimension == 0 ? "any" : dimension)
        + ", maxK="
        + maxK
        + ", maxBatchSize="
        + maxBatchSize
        + "}";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchRequestParser}; {@link #build()} validates. */
  public static final class Builder {
    private int dimension;
    private int maxK = DEFAULT_MAX_K;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

    private Builder() {}

    /** The required vector length; 0 (the default) accepts any length. */
    public Builder optDimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /** The largest k a request may ask for; default {@value SearchRequestParser#DEFAULT_MAX_K}. */
    public Builder optMaxK(int maxK) {
      this.maxK = maxK;
      return this;
    }

    /**
     * The most queries one batch may hold; default {@value
     * SearchRequestParser#DEFAULT_MAX_BATCH_SIZE}.
     */
    public Builder optMaxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * Builds the parser.
     *
     * @throws IllegalArgumentException if a limit is out of range
     */
    public SearchRequestParser build() {
      return new SearchRequestParser(dimension, maxK, maxBatchSize);
    }
  }
}
