package dev.linr.translate;

import dev.linr.index.AttributeLookup;
import dev.linr.index.IndexMetadata;
import dev.linr.index.VectorLookup;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What the translators need besides the model's tensors: the schema, the string id table, the item
 * attributes, the stored item vectors and the clock that gives each query its time (items expired
 * at that time do not match). Immutable and thread-safe as long as its parts are: an index under
 * live updates passes growing tables and overlay lookups that its own lock guards.
 */
public final class IndexContext {
  private final IndexMetadata metadata;
  private final AttributeLookup attributes;
  private final VectorLookup vectors;
  private final List<String> stringIds;
  private final LongSupplier clock;

  /**
   * A context over lookups the caller has opened.
   *
   * @throws IllegalArgumentException if the vectors' dimension is not the schema's
   */
  public IndexContext(IndexMetadata metadata, AttributeLookup attributes, VectorLookup vectors) {
    this(metadata, attributes, vectors, metadata.stringIds(), () -> Instant.now().getEpochSecond());
  }

  /**
   * A context with its own string id table and clock.
   *
   * @param stringIds string ids by id row (read, never modified, here)
   * @param clock the time of a query in epoch seconds
   * @throws IllegalArgumentException if the vectors' dimension is not the schema's
   */
  public IndexContext(
      IndexMetadata metadata,
      AttributeLookup attributes,
      VectorLookup vectors,
      List<String> stringIds,
      LongSupplier clock) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.stringIds = Objects.requireNonNull(stringIds, "stringIds");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (vectors.dimension() != metadata.schema().dimension()) {
      throw new IllegalArgumentException(
          "the vector lookup has dimension "
              + vectors.dimension()
              + " but the schema "
              + metadata.schema().dimension());
    }
  }

  public IndexMetadata metadata() {
    return metadata;
  }

  public IndexSchema schema() {
    return metadata.schema();
  }

  public AttributeLookup attributes() {
    return attributes;
  }

  /** The stored item vectors, for {@code include: ["vector"]}. */
  public VectorLookup vectors() {
    return vectors;
  }

  /** The current time in epoch seconds, passed to the model with each batch of queries. */
  public long nowSeconds() {
    return clock.getAsLong();
  }

  /**
   * The user-facing id of a hit from the model's {@code ids} output: the id itself for integer ids,
   * the string at that row of the id table for string ids.
   */
  public Object id(long modelId) {
    if (metadata.schema().idType() == IdType.INT) {
      return modelId;
    }
    List<String> ids = stringIds;
    if (modelId < 0 || modelId >= ids.size()) {
      throw new IllegalStateException(
          "the model returned id row " + modelId + " but the id table has " + ids.size());
    }
    return ids.get((int) modelId);
  }
}
