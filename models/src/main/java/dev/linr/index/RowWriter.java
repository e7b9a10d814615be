package dev.linr.index;

import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second build pass: writes each item into its slot of every buffer's spill file, then fills
 * the slack slots with empty rows. Slots are assigned in input order.
 */
final class RowWriter implements Closeable {
  private final IndexLayout layout;
  private final IndexSchema schema;
  private final Map<String, StringDictionary> dictionaries;
  private final Map<String, SpillFile> spills = new LinkedHashMap<>();
  private final List<String> stringIds = new ArrayList<>();
  private final boolean vectorsStored;
  private long slot;

  /**
   * @param vectorsStored whether item vectors are already in their stored form (written as given)
   */
  RowWriter(
      IndexLayout layout,
      Map<String, StringDictionary> dictionaries,
      Path spillDir,
      boolean vectorsStored)
      throws IOException {
    this.layout = layout;
    this.schema = layout.schema();
    this.dictionaries = dictionaries;
    this.vectorsStored = vectorsStored;
    for (BufferSpec b : layout.buffers()) {
      spills.put(b.name(), new SpillFile(spillDir.resolve(b.name())));
    }
  }

  /** Raw data files by buffer name, complete after {@link #finish()}. */
  Map<String, Path> files() {
    Map<String, Path> out = new LinkedHashMap<>();
    spills.forEach((name, spill) -> out.put(name, spill.path()));
    return out;
  }

  List<String> stringIds() {
    return stringIds;
  }

  void write(Item item) throws IOException {
    writeVector(item.vector());
    spills.get("alive").putByte(1);
    spills.get("expires").putLong(item.expiresAt().orElse(IndexLayout.NEVER));
    if (item.id() instanceof ItemId.Num num) {
      spills.get("ids").putLong(num.value());
    } else {
      spills.get("ids").putLong(stringIds.size());
      stringIds.add(((ItemId.Str) item.id()).value());
    }
    for (AttributeColumn c : layout.columns()) {
      writeAttribute(c, item.attributes().get(c.spec().name()));
    }
    slot++;
  }

  private void writeVector(float[] vector) throws IOException {
    StorageType dtype = schema.dtype();
    SpillFile emb = spills.get("emb");
    double sqnorm = 0;
    for (float v : vectorsStored ? vector : StoredVectors.stored(schema, vector)) {
      sqnorm += (double) v * v;
      if (dtype == StorageType.FLOAT32) {
        emb.putFloat(v);
      } else {
        emb.putShort(dtype.bits(v));
      }
    }
    if (schema.metric() == Metric.L2) {
      spills.get("sqnorm").putFloat((float) sqnorm);
    }
  }

  /** Writes one row of a column; {@code values} null or empty for an item without it. */
  private void writeAttribute(AttributeColumn c, List<Object> values) throws IOException {
    SpillFile out = spills.get(c.valuesName());
    int n = values == null ? 0 : values.size();
    switch (c.encoding()) {
      case BITS:
        long word = 0;
        for (int i = 0; i < n; i++) {
          word |= 1L << code(c, values.get(i));
        }
        out.putInteger(c.valuesType(), word);
        break;
      case LIST:
        for (int i = 0; i < c.width(); i++) {
          Object v = i < n ? values.get(i) : null;
          if (c.spec().type() == AttributeType.FLOAT) {
            out.putDouble(v == null ? 0.0 : ((Number) v).doubleValue());
          } else {
            out.putInteger(c.valuesType(), v == null ? 0 : code(c, v));
          }
        }
        spills.get(c.countsName()).putInt(n);
        break;
      case CODES:
        out.putInteger(
            c.valuesType(), n == 0 ? AttributeColumn.MISSING_CODE : code(c, values.get(0)));
        break;
      default:
        Object v = n == 0 ? null : values.get(0);
        if (c.spec().type() == AttributeType.FLOAT) {
          out.putDouble(v == null ? Double.NaN : ((Number) v).doubleValue());
        } else {
          out.putLong(v == null ? 0 : ((Number) v).longValue());
          spills.get(c.presentName()).putByte(v == null ? 0 : 1);
        }
    }
  }

  /** The int64 stored for a string, bool or int value. */
  private long code(AttributeColumn c, Object v) {
    switch (c.spec().type()) {
      case STRING:
        return dictionaries.get(c.spec().name()).code((String) v);
      case BOOL:
        return ((Boolean) v) ? 1 : 0;
      default:
        return ((Number) v).longValue();
    }
  }

  /** Fills the slots above the last item with empty rows and writes the high-water mark. */
  void finish() throws IOException {
    long free = layout.capacity() - slot;
    spills.get("emb").zeros(free * schema.dimension() * schema.dtype().bytes());
    spills.get("alive").zeros(free);
    for (long i = 0; i < free; i++) {
      spills.get("expires").putLong(IndexLayout.NEVER);
    }
    for (long i = 0; i < free; i++) {
      spills.get("ids").putLong(-1);
    }
    if (schema.metric() == Metric.L2) {
      spills.get("sqnorm").zeros(free * 4);
    }
    for (AttributeColumn c : layout.columns()) {
      for (long i = 0; i < free; i++) {
        writeAttribute(c, null);
      }
    }
    spills.get("hwm").putLong(slot);
    for (BufferSpec b : layout.indexBuffers()) {
      spills.get(b.name()).zeros(b.bytes());
    }
  }

  long written() {
    return slot;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (SpillFile s : spills.values()) {
      try {
        s.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
