package dev.linr.index;

import dev.linr.items.Item;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Encodes items for a live update of a loaded index model: one row of every {@link
 * IndexLayout#rowBuffers() row buffer}, in the bytes the buffer stores (little-endian), with the
 * same encodings a build writes, plus the row's decoded attributes and stored vector for answers
 * that include them.
 *
 * <p>String values the build's dictionaries lack are added by {@link #extendDictionaries(Item)}
 * while the column's encoding has room: a bitset column as many values as its word has bits (7, 15,
 * 31 or 63), a code column as many as its code type holds. Encodings never grow under live updates:
 * a value beyond that, or more values than a list column's width, is refused and the index must be
 * rebuilt.
 *
 * <p>Not thread-safe; {@link #extendDictionaries} modifies the metadata's dictionaries, which the
 * caller must guard against concurrent readers.
 */
public final class LiveRowEncoder {
  private final IndexMetadata metadata;
  private final IndexLayout layout;
  private final List<BufferSpec> rowBuffers;
  private final RowEncoding encoding;

  public LiveRowEncoder(IndexMetadata metadata) {
    this.metadata = metadata;
    this.layout = metadata.layout();
    this.rowBuffers = layout.rowBuffers();
    this.encoding = new RowEncoding(layout.schema(), metadata::dictionary);
  }

  /** The row buffers, in the order of {@link EncodedRow#buffers()}. */
  public List<BufferSpec> rowBuffers() {
    return rowBuffers;
  }

  /** One encoded row. */
  public record EncodedRow(
      List<byte[]> buffers, float[] storedVector, Map<String, Object> attributes) {}

  /** A refused item: the field at fault and why. */
  public static final class RowException extends IllegalArgumentException {
    private final String field;

    RowException(String field, String message) {
      super(message);
      this.field = field;
    }

    /** {@code attributes.<name>}. */
    public String field() {
      return field;
    }
  }

  /**
   * Checks that every attribute fits its column (list widths, dictionary room) and adds the item's
   * new string values to the dictionaries. Adds nothing when it throws.
   *
   * @throws RowException naming the attribute, when the index must be rebuilt to hold the item
   */
  public void extendDictionaries(Item item) {
    Map<String, Set<String>> added = new HashMap<>();
    for (AttributeColumn c : layout.columns()) {
      List<Object> values = item.attributes().get(c.spec().name());
      if (values == null) {
        continue;
      }
      String field = "attributes." + c.spec().name();
      if (c.encoding() == AttributeColumn.Encoding.LIST && values.size() > c.width()) {
        throw new RowException(
            field,
            field
                + " has "
                + values.size()
                + " values but this index stores at most "
                + c.width()
                + " per item; rebuild the index to widen it");
      }
      if (c.spec().type() != AttributeType.STRING) {
        continue;
      }
      StringDictionary d = metadata.dictionary(c.spec().name());
      Set<String> fresh = new LinkedHashSet<>();
      for (Object v : values) {
        if (d.code((String) v) < 0) {
          fresh.add((String) v);
        }
      }
      if (fresh.isEmpty()) {
        continue;
      }
      long room = room(c);
      if (d.size() + fresh.size() > room) {
        throw new RowException(
            field,
            field
                + ": no room for the new value '"
                + fresh.iterator().next()
                + "': its "
                + (c.encoding() == AttributeColumn.Encoding.BITS ? "bitset" : "code")
                + " column holds at most "
                + room
                + " values and has "
                + d.size()
                + "; rebuild the index (column encodings do not grow under live updates)");
      }
      added.put(c.spec().name(), fresh);
    }
    added.forEach((name, values) -> values.forEach(metadata.dictionary(name)::add));
  }

  /** The most values a string column's encoding can code. */
  private static long room(AttributeColumn c) {
    if (c.encoding() == AttributeColumn.Encoding.BITS) {
      return Math.min(AttributeColumn.MAX_BITS, c.valuesType().bytes() * 8L - 1);
    }
    switch (c.valuesType()) {
      case INT8:
        return Byte.MAX_VALUE;
      case INT16:
        return Short.MAX_VALUE;
      default:
        return Integer.MAX_VALUE;
    }
  }

  /**
   * Encodes an item whose string values are all in the dictionaries (see {@link
   * #extendDictionaries}).
   *
   * @param modelId the id stored in {@code ids}: the id, or for string ids its id table row
   * @param expires the expiry in epoch seconds, {@link IndexLayout#NEVER} for none
   */
  public EncodedRow encode(Item item, long modelId, long expires) {
    IndexSchema schema = layout.schema();
    Map<String, ByteBuffer> rows = new HashMap<>();
    for (BufferSpec b : rowBuffers) {
      long cells = b.shape().length > 1 ? b.shape()[1] : 1;
      rows.put(
          b.name(),
          ByteBuffer.allocate((int) (cells * b.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN));
    }
    float[] stored = StoredVectors.stored(schema, item.vector());
    Function<String, RowOut> outs = name -> RowOut.of(rows.get(name));
    try {
      encoding.vector(stored, outs);
      for (AttributeColumn c : layout.columns()) {
        encoding.attribute(c, item.attributes().get(c.spec().name()), outs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // byte buffers do not throw it
    }
    rows.get("ids").putLong(modelId);
    rows.get("expires").putLong(expires);
    List<byte[]> out = new ArrayList<>(rowBuffers.size());
    Map<String, ByteBuffer> attributeRows = new HashMap<>();
    for (BufferSpec b : rowBuffers) {
      ByteBuffer row = rows.get(b.name());
      out.add(row.array());
      if (b.name().startsWith("a")) {
        attributeRows.put(b.name(), row.rewind());
      }
    }
    Map<String, Object> attributes =
        ArchiveAttributeLookup.ofRows(metadata, attributeRows).attributes(0);
    return new EncodedRow(out, stored, attributes);
  }
}
