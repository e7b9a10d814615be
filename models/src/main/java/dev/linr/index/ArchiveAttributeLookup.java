package dev.linr.index;

import dev.linr.schema.AttributeType;
import dev.linr.torchscript.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads item attributes straight from the attribute buffers of an index model file, memory-mapped,
 * so attributes are stored once (in the model) and decoded only for the hits that ask for them.
 * Thread-safe: reads use absolute positions on read-only mappings.
 */
public final class ArchiveAttributeLookup implements AttributeLookup {
  private final IndexMetadata metadata;
  private final Map<String, ByteBuffer> buffers;

  /**
   * The columns of the mapped buffers. Live updates add dictionary values only within the room of a
   * column's encoding, so the layout stays the one the buffers were written in.
   */
  private final List<AttributeColumn> columns;

  private ArchiveAttributeLookup(IndexMetadata metadata, Map<String, ByteBuffer> buffers) {
    this.metadata = metadata;
    this.buffers = buffers;
    this.columns = metadata.layout().columns();
  }

  /**
   * Checks every storage of {@code modelFile} against its CRC-32 and maps the attribute buffers.
   *
   * @throws IllegalArgumentException if the model file is damaged or does not match the metadata
   */
  public static ArchiveAttributeLookup open(Path modelFile, IndexMetadata metadata)
      throws IOException {
    try (IndexBuffers buffers = IndexBuffers.open(modelFile, metadata)) {
      return of(metadata, buffers);
    }
  }

  /** Maps the attribute buffers of a model file that is already open and checked. */
  public static ArchiveAttributeLookup of(IndexMetadata metadata, IndexBuffers buffers)
      throws IOException {
    Map<String, ByteBuffer> mapped = new HashMap<>();
    for (BufferSpec spec : metadata.layout().buffers()) {
      if (spec.name().startsWith("a")) {
        mapped.put(spec.name(), buffers.map(spec.name()));
      }
    }
    return new ArchiveAttributeLookup(metadata, mapped);
  }

  /** A lookup over attribute buffers already in memory (rows of a live update). */
  static ArchiveAttributeLookup ofRows(IndexMetadata metadata, Map<String, ByteBuffer> buffers) {
    return new ArchiveAttributeLookup(metadata, buffers);
  }

  @Override
  public Map<String, Object> attributes(long slot) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AttributeColumn c : columns) {
      Object value;
      switch (c.encoding()) {
        case BITS:
          value = bits(c, slot);
          break;
        case LIST:
          value = multi(c, slot);
          break;
        default:
          value = single(c, slot);
      }
      if (value != null) {
        out.put(c.spec().name(), value);
      }
    }
    return out;
  }

  private Object single(AttributeColumn c, long slot) {
    ByteBuffer values = buffers.get(c.valuesName());
    int at = (int) slot;
    switch (c.spec().type()) {
      case FLOAT:
        double d = values.getDouble(at * 8);
        return Double.isNaN(d) ? null : d;
      case INT:
        return buffers.get(c.presentName()).get(at) == 0 ? null : values.getLong(at * 8);
      default:
        long code = integer(values, c.valuesType(), at);
        return code < 0 ? null : decode(c, code);
    }
  }

  /** A bitset row: its values in dictionary order (a set; input order is not kept). */
  private Object bits(AttributeColumn c, long slot) {
    long word = integer(buffers.get(c.valuesName()), c.valuesType(), (int) slot);
    if (word == 0) {
      return null;
    }
    List<Object> out = new ArrayList<>(Long.bitCount(word));
    for (long w = word; w != 0; w &= w - 1) {
      out.add(decode(c, Long.numberOfTrailingZeros(w)));
    }
    return c.spec().multiValued() ? out : out.get(0);
  }

  private Object multi(AttributeColumn c, long slot) {
    int count = buffers.get(c.countsName()).getInt((int) slot * 4);
    if (count == 0) {
      return null;
    }
    ByteBuffer values = buffers.get(c.valuesName());
    List<Object> out = new ArrayList<>(count);
    int base = (int) slot * c.width();
    for (int i = 0; i < count; i++) {
      int at = base + i;
      out.add(
          c.spec().type() == AttributeType.FLOAT
              ? (Object) values.getDouble(at * 8)
              : decode(c, integer(values, c.valuesType(), at)));
    }
    return out;
  }

  /** Element {@code index} of an integer buffer of the given type. */
  private static long integer(ByteBuffer values, TensorDType type, int index) {
    switch (type) {
      case INT8:
        return values.get(index);
      case INT16:
        return values.getShort(index * 2);
      case INT32:
        return values.getInt(index * 4);
      default:
        return values.getLong(index * 8);
    }
  }

  private Object decode(AttributeColumn c, long code) {
    switch (c.spec().type()) {
      case STRING:
        return metadata.dictionary(c.spec().name()).value((int) code);
      case BOOL:
        return code == 1;
      default:
        return code;
    }
  }
}
