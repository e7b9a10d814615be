package dev.linr.schema;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an index holds: vector dimension, metric, storage type, id type and attributes. Immutable.
 *
 * <p>JSON form ({@code schema.json}):
 *
 * <pre>{@code
 * {"dimension": 128, "metric": "cosine", "dtype": "float16", "id_type": "int",
 *  "attributes": {"geo": "string", "skills": "string[]", "posted_at": "int"}}
 * }</pre>
 *
 * <p>Use {@link #builder()}: {@code set*} for required values, {@code opt*} for optional ones.
 */
public final class IndexSchema {
  /** The largest supported vector dimension. */
  public static final int MAX_DIMENSION = 65_536;

  private final int dimension;
  private final Metric metric;
  private final StorageType dtype;
  private final IdType idType;
  private final Map<String, AttributeSpec> attributes;

  private IndexSchema(Builder b) {
    this.dimension = b.dimension;
    this.metric = b.metric;
    this.dtype = b.dtype;
    this.idType = b.idType;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  public int dimension() {
    return dimension;
  }

  public Metric metric() {
    return metric;
  }

  public StorageType dtype() {
    return dtype;
  }

  public IdType idType() {
    return idType;
  }

  /** Attributes in declaration order. */
  public List<AttributeSpec> attributes() {
    return new ArrayList<>(attributes.values());
  }

  /** The attribute of that name, if declared. */
  public Optional<AttributeSpec> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** A builder pre-filled with this schema's values. */
  public Builder toBuilder() {
    Builder b =
        builder().setDimension(dimension).optMetric(metric).optDtype(dtype).optIdType(idType);
    attributes.values().forEach(b::addAttribute);
    return b;
  }

  /** The schema as a JSON object (the {@code schema.json} form). */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("dimension", dimension);
    o.addProperty("metric", metric.jsonName());
    o.addProperty("dtype", dtype.jsonName());
    o.addProperty("id_type", idType.jsonName());
    JsonObject attrs = new JsonObject();
    for (AttributeSpec a : attributes.values()) {
      attrs.addProperty(a.name(), a.typeName());
    }
    o.add("attributes", attrs);
    return o;
  }

  /** Pretty-printed JSON. */
  public String toJsonString() {
    return new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
  }

  /**
   * Parses the JSON form. Missing {@code metric} means dot, missing {@code dtype} float32, missing
   * {@code id_type} int.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static IndexSchema fromJson(JsonObject o) {
    Builder b = builder();
    JsonElement dim = o.get("dimension");
    if (dim == null || !dim.isJsonPrimitive() || !dim.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException(
          "schema field 'dimension' is required and must be a number");
    }
    double d = dim.getAsDouble();
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("schema field 'dimension' must be an integer, got: " + d);
    }
    b.setDimension((int) Math.min(Integer.MAX_VALUE, d));
    if (o.has("metric")) {
      b.optMetric(Metric.parse(stringField(o, "metric")));
    }
    if (o.has("dtype")) {
      b.optDtype(StorageType.parse(stringField(o, "dtype")));
    }
    if (o.has("id_type")) {
      b.optIdType(IdType.parse(stringField(o, "id_type")));
    }
    JsonElement attrs = o.get("attributes");
    if (attrs != null && !attrs.isJsonNull()) {
      if (!attrs.isJsonObject()) {
        throw new IllegalArgumentException(
            "schema field 'attributes' must be an object of name: type");
      }
      for (Map.Entry<String, JsonElement> e : attrs.getAsJsonObject().entrySet()) {
        if (!e.getValue().isJsonPrimitive()) {
          throw new IllegalArgumentException(
              "schema attribute '" + e.getKey() + "' must be a type name such as \"string[]\"");
        }
        b.addAttribute(AttributeSpec.parse(e.getKey(), e.getValue().getAsString()));
      }
    }
    return b.build();
  }

  /** Parses JSON text. */
  public static IndexSchema fromJson(String json) {
    JsonElement e;
    try {
      e = JsonParser.parseString(json);
    } catch (JsonParseException ex) {
      throw new IllegalArgumentException("schema is not valid JSON: " + ex.getMessage(), ex);
    }
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException("schema must be a JSON object");
    }
    return fromJson(e.getAsJsonObject());
  }

  /** Reads a {@code schema.json} file. */
  public static IndexSchema read(Path file) throws IOException {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static String stringField(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("schema field '" + field + "' must be a string");
    }
    return e.getAsString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndexSchema s
        && dimension == s.dimension
        && metric == s.metric
        && dtype == s.dtype
        && idType == s.idType
        && attributes.equals(s.attributes);
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IndexSchema}; {@link #build()} validates. */
  public static final class Builder {
    private int dimension;
    private Metric metric = Metric.DOT;
    private StorageType dtype = StorageType.FLOAT32;
    private IdType idType = IdType.INT;
    private final Map<String, AttributeSpec> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder setDimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    public Builder optMetric(Metric metric) {
      this.metric = metric;
      return this;
    }

    public Builder optDtype(StorageType dtype) {
      this.dtype = dtype;
      return this;
    }

    public Builder optIdType(IdType idType) {
      this.idType = idType;
      return this;
    }

    /** Adds (or replaces) an attribute. */
    public Builder addAttribute(AttributeSpec spec) {
      attributes.put(spec.name(), spec);
      return this;
    }

    public IndexSchema build() {
      if (dimension < 1 || dimension > MAX_DIMENSION) {
        throw new IllegalArgumentException(
            "dimension must be between 1 and " + MAX_DIMENSION + ", got: " + dimension);
      }
      if (metric == null || dtype == null || idType == null) {
        throw new IllegalArgumentException("metric, dtype and id type must not be null");
      }
      return new IndexSchema(this);
    }
  }
}
