package dev.linr.index;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.torchscript.TensorDType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The tensors of an index model of a given capacity. Every per-item buffer has {@code capacity}
 * rows: slots {@code [0, hwm)} are in use (alive or deleted), slots above the high-water mark are
 * free slack, so live updates write rows in place without reallocating.
 *
 * <ul>
 *   <li>{@code emb} [capacity, dimension] in the storage type (normalised rows for cosine);
 *   <li>{@code alive} bool [capacity]: deleted and never-used slots are false;
 *   <li>{@code ids} int64 [capacity]: the item id, or for string ids the row of {@code ids.txt};
 *   <li>{@code hwm} int64 [1]: the high-water mark;
 *   <li>{@code expires} int64 [capacity]: the expiry time of each slot's item in epoch seconds
 *       ({@link #NEVER} for items that never expire); a query at time t matches only slots whose
 *       expiry is after t;
 *   <li>{@code sqnorm} float32 [capacity], l2 only: squared norms of the stored rows;
 *   <li>attribute columns, see {@link AttributeColumn};
 *   <li>the attribute index ({@link #indexBuffers()}): each {@link AttributeColumn#indexed()}
 *       column's sorted values and slots, {@code indexed} int64 [1] (the slots below it are in the
 *       sorted columns; 0 until the model's {@code reindex} has run), {@code rewritten} int64
 *       [capacity] and {@code rewritten_count} int64 [1] (slots below {@code indexed} written
 *       since, whose sorted entries may be stale), and {@code soonest} int64 [1] (no live slot
 *       expires before it, so a query at an earlier time skips the expiry check). The archive holds
 *       them zeroed; {@code reindex} fills them when the model is loaded.
 * </ul>
 */
public final class IndexLayout {
  /** The expiry of items that never expire. */
  public static final long NEVER = Long.MAX_VALUE;

  private final IndexSchema schema;
  private final long capacity;
  private final List<AttributeColumn> columns;

  private IndexLayout(IndexSchema schema, long capacity, List<AttributeColumn> columns) {
    this.schema = schema;
    this.capacity = capacity;
    this.columns = Collections.unmodifiableList(columns);
  }

  /**
   * A layout for the schema.
   *
   * @param multiValuedWidths values per row for each multi-valued attribute (missing: 1)
   * @param cardinalities distinct values of each string attribute (missing: 0)
   */
  public static IndexLayout of(
      IndexSchema schema,
      long capacity,
      Map<String, Integer> multiValuedWidths,
      Map<String, Integer> cardinalities) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got: " + capacity);
    }
    List<AttributeColumn> columns = new ArrayList<>();
    List<AttributeSpec> attrs = schema.attributes();
    for (int i = 0; i < attrs.size(); i++) {
      AttributeSpec a = attrs.get(i);
      int width = a.multiValued() ? multiValuedWidths.getOrDefault(a.name(), 1) : 1;
      columns.add(AttributeColumn.choose(a, i, cardinalities.getOrDefault(a.name(), 0), width));
    }
    return new IndexLayout(schema, capacity, columns);
  }

  /**
   * The capacity for {@code count} items: {@code count} plus a fraction of slack, at least {@code
   * minSlack} free slots.
   */
  public static long capacityFor(long count, double slackFraction, long minSlack) {
    if (slackFraction < 0 || Double.isNaN(slackFraction)) {
      throw new IllegalArgumentException("slack must be >= 0, got: " + slackFraction);
    }
    long slack = Math.max(minSlack, (long) Math.ceil(count * slackFraction));
    return Math.max(1, count + slack);
  }

  public IndexSchema schema() {
    return schema;
  }

  public long capacity() {
    return capacity;
  }

  public List<AttributeColumn> columns() {
    return columns;
  }

  /** The column of an attribute. */
  public AttributeColumn column(String attribute) {
    for (AttributeColumn c : columns) {
      if (c.spec().name().equals(attribute)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no attribute named '" + attribute + "'");
  }

  public BufferSpec embeddings() {
    return new BufferSpec(
        "emb",
        embeddingType(),
        new long[] {capacity, schema.dimension()},
        "embeddings (" + schema.metric().jsonName() + ")");
  }

  public TensorDType embeddingType() {
    switch (schema.dtype()) {
      case FLOAT16:
        return TensorDType.FLOAT16;
      case BFLOAT16:
        return TensorDType.BFLOAT16;
      default:
        return TensorDType.FLOAT32;
    }
  }

  /** Every buffer, in the order they are written: the data, then the attribute index. */
  public List<BufferSpec> buffers() {
    List<BufferSpec> out = dataBuffers();
    out.addAll(indexBuffers());
    return out;
  }

  /** The attribute index buffers, which the build writes zeroed (see the class comment). */
  public List<BufferSpec> indexBuffers() {
    List<BufferSpec> out = new ArrayList<>();
    for (AttributeColumn c : columns) {
      out.addAll(c.indexBuffers(capacity));
    }
    out.add(new BufferSpec("indexed", TensorDType.INT64, new long[] {1}, "attribute index mark"));
    out.add(
        new BufferSpec(
            "rewritten",
            TensorDType.INT64,
            new long[] {capacity},
            "slots rewritten since indexed"));
    out.add(
        new BufferSpec(
            "rewritten_count", TensorDType.INT64, new long[] {1}, "slots rewritten since indexed"));
    out.add(new BufferSpec("soonest", TensorDType.INT64, new long[] {1}, "no expiry before it"));
    return out;
  }

  /** The item data: vectors, ids, expiry, attribute columns and the slot bookkeeping. */
  private List<BufferSpec> dataBuffers() {
    List<BufferSpec> out = new ArrayList<>();
    out.add(embeddings());
    out.add(new BufferSpec("alive", TensorDType.BOOL, new long[] {capacity}, "alive mask"));
    out.add(new BufferSpec("ids", TensorDType.INT64, new long[] {capacity}, "slot to id"));
    out.add(new BufferSpec("hwm", TensorDType.INT64, new long[] {1}, "high-water mark"));
    out.add(new BufferSpec("expires", TensorDType.INT64, new long[] {capacity}, "expiry times"));
    if (schema.metric() == Metric.L2) {
      out.add(
          new BufferSpec("sqnorm", TensorDType.FLOAT32, new long[] {capacity}, "squared norms"));
    }
    for (AttributeColumn c : columns) {
      out.addAll(c.buffers(capacity));
    }
    return out;
  }

  /**
   * The per-slot buffers a live update writes for a new row, in {@link #buffers()} order: every
   * buffer with {@code capacity} rows except {@code alive} (set when the row is published).
   */
  public List<BufferSpec> rowBuffers() {
    List<BufferSpec> out = new ArrayList<>();
    for (BufferSpec b : dataBuffers()) {
      if (!b.name().equals("alive") && !b.name().equals("hwm")) {
        out.add(b);
      }
    }
    return out;
  }

  /** Total bytes of all buffers. */
  public long bytes() {
    long total = 0;
    for (BufferSpec b : buffers()) {
      total += b.bytes();
    }
    return total;
  }
}
