package dev.linr.translate;

import dev.linr.index.AttributeLookup;
import dev.linr.index.IndexMetadata;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.util.List;
import java.util.Objects;

/**
 * What the translators need besides the model's tensors: the schema, the string id table and the
 * item attributes. Immutable and thread-safe.
 */
public final class IndexContext {
  private final IndexMetadata metadata;
  private final AttributeLookup attributes;

  public IndexContext(IndexMetadata metadata, AttributeLookup attributes) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
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

  /**
   * The user-facing id of a hit from the model's {@code ids} output: the id itself for integer ids,
   * the string at that row of the id table for string ids.
   */
  public Object id(long modelId) {
    if (metadata.schema().idType() == IdType.INT) {
      return modelId;
    }
    List<String> ids = metadata.stringIds();
    if (modelId < 0 || modelId >= ids.size()) {
      throw new IllegalStateException(
          "the model returned id row " + modelId + " but the id table has " + ids.size());
    }
    return ids.get((int) modelId);
  }
}
