package dev.linr.index;

import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
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
  private final RowEncoding encoding;
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
    this.encoding = new RowEncoding(schema, dictionaries::get);
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
    encoding.vector(
        vectorsStored ? item.vector() : StoredVectors.stored(schema, item.vector()), spills::get);
    spills.get("alive").putByte(1);
    spills.get("expires").putLong(item.expiresAt().orElse(IndexLayout.NEVER));
    if (item.id() instanceof ItemId.Num num) {
      spills.get("ids").putLong(num.value());
    } else {
      spills.get("ids").putLong(stringIds.size());
      stringIds.add(((ItemId.Str) item.id()).value());
    }
    for (AttributeColumn c : layout.columns()) {
      encoding.attribute(c, item.attributes().get(c.spec().name()), spills::get);
    }
    slot++;
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
        encoding.attribute(c, null, spills::get);
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
