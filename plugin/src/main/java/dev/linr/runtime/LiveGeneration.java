package dev.linr.runtime;

import ai.djl.Device;
import ai.djl.translate.Translator;
import dev.linr.archive.FileTrees;
import dev.linr.index.BufferSpec;
import dev.linr.index.IndexBuffers;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.index.LiveRowEncoder;
import dev.linr.index.MappedRows;
import dev.linr.index.SlotTable;
import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.query.SearchRequest;
import dev.linr.schema.IdType;
import dev.linr.translate.IndexContext;
import dev.linr.translate.IndexContexts;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * One loaded model of a {@link LiveIndex} and the bookkeeping of its slots: the model, its slot
 * table, overlay, id table, published alive slots and update methods. A live index replaces its
 * generation when it grows.
 *
 * <p>Publication: which slots hold items is published as {@link AliveSnapshots}; each search runs
 * on the snapshot current when it starts ({@link PublishedSearch}). The model's own {@code alive}
 * buffer only turns slots on (before the snapshot that uses them is published) and its high-water
 * mark only rises, so every slot a snapshot allows is readable in the model. A slot a snapshot
 * turns off (delete, expiry, rewrite) keeps its row until no search holds an older snapshot ({@link
 * PendingSlots}), then it is free again. Updates take the tables lock as writers only to extend
 * dictionaries and the id table; searches take it as readers only while they compile requests and
 * decode hits, never across the forward pass.
 *
 * <p>Updates are not thread-safe: the live index applies them one at a time; searches run
 * concurrently with them. Owns the model and, when it has one, its archive folder (deleted on
 * {@link #close()}).
 */
final class LiveGeneration implements AutoCloseable {

  /**
   * The attribute index is rebuilt once the rows written since it was built exceed this fraction of
   * the slots in use (every indexed search takes those rows as candidates), and at least {@link
   * #MIN_ROWS_BEFORE_REINDEX} of them.
   */
  private static final int REINDEX_DIVISOR = 32;

  private static final long MIN_ROWS_BEFORE_REINDEX = 1024;

  final LinrIndex index;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final IndexMetadata metadata;
  private final LiveRowEncoder encoder;
  private final SlotTable slots;
  private final LiveOverlay overlay;
  private final List<String> idTable;
  private final Map<String, Long> idRows = new HashMap<>();
  private final IndexModelMethods methods;
  private final AliveSnapshots published;
  private final PendingSlots pending;
  private final Path ownedFolder;
  private long writtenSinceIndex;

  private LiveGeneration(
      Path archive,
      Device device,
      Map<String, String> arguments,
      LongSupplier clock,
      Path ownedFolder)
      throws IOException {
    Opened opened = new Opened();
    this.index =
        LinrIndex.open(
            archive,
            device,
            arguments,
            (dir, context) -> {
              opened.read(dir, context);
              return new IndexContext(
                  context.metadata(), opened.overlay, opened.overlay, opened.idTable, clock);
            },
            new SearchScope() {
              @Override
              public <I, O> Search<I, O> begin(Translator<I, O> translator) {
                return new PublishedSearch<>(translator, published.acquire(), lock.readLock());
              }
            });
    try {
      this.metadata = index.metadata();
      this.encoder = new LiveRowEncoder(metadata);
      this.slots = opened.slots;
      this.overlay = opened.overlay;
      this.idTable = opened.idTable;
      for (int i = 0; i < idTable.size(); i++) {
        idRows.put(idTable.get(i), (long) i);
      }
      this.methods =
          new IndexModelMethods(
              SmallWorkFirstBlock.symbolBlock(index.model()), index.model().getNDManager());
      BitSet alive = new BitSet();
      for (long s = 0; s < slots.hwm(); s++) {
        if (slots.bound(s)) {
          alive.set((int) s);
        }
      }
      this.published = new AliveSnapshots(index.model().getNDManager(), slots.capacity(), alive);
      this.pending = new PendingSlots(published);
      this.ownedFolder = ownedFolder;
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  /**
   * Loads an archive.
   *
   * @param ownedFolder a folder deleted on {@link #close()} (the archive's own), or null
   */
  static LiveGeneration open(
      Path archive,
      Device device,
      Map<String, String> arguments,
      LongSupplier clock,
      Path ownedFolder)
      throws IOException {
    return new LiveGeneration(archive, device, arguments, clock, ownedFolder);
  }

  /** What opening reads from the archive besides the model. */
  private static final class Opened {
    LiveOverlay overlay;
    List<String> idTable;
    SlotTable slots;

    void read(Path dir, IndexContext context) throws IOException {
      IndexMetadata metadata = context.metadata();
      overlay = new LiveOverlay(context.attributes(), context.vectors());
      idTable = new ArrayList<>(metadata.stringIds());
      Path modelFile = dir.resolve(IndexContexts.modelName(dir) + ".pt");
      try (IndexBuffers buffers = IndexBuffers.open(modelFile, metadata)) {
        long hwm = buffers.map("hwm").getLong(0);
        slots = new SlotTable(metadata.capacity(), hwm);
        MappedRows ids = buffers.mapRows("ids");
        MappedRows alive = buffers.mapRows("alive");
        MappedRows expires = buffers.mapRows("expires");
        for (long s = 0; s < hwm; s++) {
          if (alive.part(s).get(alive.offset(s)) != 0) {
            slots.load(
                s, ids.part(s).getLong(ids.offset(s)), expires.part(s).getLong(expires.offset(s)));
          }
        }
      }
    }
  }

  IndexMetadata metadata() {
    return metadata;
  }

  long size() {
    return slots.size();
  }

  long capacity() {
    return slots.capacity();
  }

  long hwm() {
    return slots.hwm();
  }

  /** Slots a batch can take now: free slots below the mark plus the slots above it. */
  long free() {
    return slots.capacity() - slots.size();
  }

  /** The slot that holds an id, or -1. */
  long slotOf(Object id) {
    long modelId = modelIdOrMissing(id);
    return modelId == Long.MIN_VALUE ? -1 : slots.slotOf(modelId);
  }

  /** Visits every bound slot's item in slot order. */
  void forEachItem(LiveIndex.ItemVisitor visitor) {
    forEachBound(
        (id, s) -> visitor.item(id, overlay.vector(s), overlay.attributes(s), slots.expiresAt(s)));
  }

  /** A bound slot and the id it holds. */
  @FunctionalInterface
  private interface BoundSlotVisitor {
    void slot(Object id, long slot);
  }

  /** Visits every bound slot in slot order. */
  private void forEachBound(BoundSlotVisitor visitor) {
    for (long s = 0; s < slots.hwm(); s++) {
      Object id = boundId(s);
      if (id != null) {
        visitor.slot(id, s);
      }
    }
  }

  /** The id a slot holds, or null when it holds no item. */
  private Object boundId(long slot) {
    long modelId = slots.modelIdAt(slot);
    if (slots.slotOf(modelId) != slot) {
      return null;
    }
    return metadata.schema().idType() != IdType.INT ? idTable.get((int) modelId) : (Object) modelId;
  }

  /**
   * The items in slot order (compacted), with this generation's capacity: frozen now, read when the
   * state is written (see {@link FrozenItems}).
   */
  LiveState state() {
    FrozenItems.Builder items = frozenItems(slots.size());
    forEachBound((id, s) -> items.add(id, s, slots.expiresAt(s)));
    return LiveState.of(items.build(), metadata, metadata.capacity());
  }

  private FrozenItems.Builder frozenItems(long count) {
    return new FrozenItems.Builder(Math.toIntExact(count), overlay.frozen(), lock.readLock());
  }

  /**
   * A copy of this generation to build a larger one from: every slot below the mark keeps its slot,
   * a slot that holds no item is filled by a placeholder item (a zero vector, no attributes) that
   * {@link #dropPlaceholders} frees again once the copy is loaded, so the slot table, and with it
   * every later slot choice, is the same as this generation's. Frozen now, read when the copy is
   * written (see {@link FrozenItems}).
   */
  GrowthCopy growthCopy(long capacity) {
    boolean stringIds = metadata.schema().idType() != IdType.INT;
    FrozenItems.Builder items = frozenItems(slots.hwm());
    List<Long> holes = new ArrayList<>();
    List<Object> placeholders = new ArrayList<>();
    long nextNum = Long.MIN_VALUE / 2;
    int nextStr = 0;
    for (long s = 0; s < slots.hwm(); s++) {
      Object id = boundId(s);
      if (id != null) {
        items.add(id, s, slots.expiresAt(s));
        continue;
      }
      Object placeholder;
      if (stringIds) {
        String p;
        do {
          p = "\u0001linr-free-slot-" + nextStr++;
        } while (idRows.containsKey(p));
        placeholder = p;
      } else {
        while (slots.slotOf(nextNum) >= 0) {
          nextNum++;
        }
        placeholder = nextNum++;
      }
      holes.add(s);
      placeholders.add(placeholder);
      items.addPlaceholder(placeholder);
    }
    return new GrowthCopy(
        LiveState.of(items.build(), metadata, capacity),
        holes.stream().mapToLong(Long::longValue).toArray(),
        placeholders);
  }

  /**
   * A generation's copy with placeholders in its free slots.
   *
   * @param state the items (one per slot below the mark) and the archive's encodings and capacity
   */
  record GrowthCopy(LiveState state, long[] holes, List<Object> placeholders) {}

  /** Frees the placeholder slots of a copy loaded as this (unpublished) generation. */
  void dropPlaceholders(GrowthCopy copy) {
    for (Object p : copy.placeholders()) {
      long modelId = modelIdOrMissing(p);
      if (modelId == Long.MIN_VALUE || slots.remove(modelId) < 0) {
        throw new IllegalStateException("placeholder " + p + " is not in the grown model");
      }
      if (p instanceof String s) {
        idRows.remove(s);
      }
    }
    if (copy.holes().length > 0) {
      // No search reads this generation yet: the holes are free at once.
      methods.setAlive(copy.holes(), new boolean[copy.holes().length], slots.hwm());
      published.publish(copy.holes(), new boolean[copy.holes().length]);
    }
  }

  /**
   * Runs the model's update methods and search paths twice each before this (unpublished) grown
   * generation takes searches and updates: TorchScript optimizes a method on its first runs, which
   * takes long enough (about a second on a loaded machine) to hold up the first update or search
   * after a swap. The update writes a placeholder row into the first slot above the mark and leaves
   * it unpublished (not alive; the mark is unchanged), so it changes nothing searches can see.
   */
  void warmUp() {
    long slot = slots.hwm();
    if (slot >= slots.capacity()) {
      return;
    }
    ItemId id =
        metadata.schema().idType() == IdType.INT ? new ItemId.Num(0) : new ItemId.Str("warm-up");
    float[] zero = new float[metadata.schema().dimension()];
    Item placeholder = Item.of(id, zero, Map.of(), OptionalLong.empty(), 0);
    LiveRowEncoder.EncodedRow row = encoder.encode(placeholder, 0, IndexLayout.NEVER);
    List<BufferSpec> buffers = encoder.rowBuffers();
    SearchRequest plain = SearchRequest.builder().setVector(zero).optK(1).build();
    List<SearchBatch> queries = new ArrayList<>();
    queries.add(SearchBatch.of(List.of(plain)));
    queries.add(SearchBatch.of(List.of(plain, plain)));
    String attribute =
        metadata.schema().attributes().isEmpty()
            ? ""
            : metadata.schema().attributes().get(0).name();
    if (attribute.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      queries.add(
          SearchBatch.of(
              List.of(
                  SearchRequest.builder()
                      .setVector(zero)
                      .optK(1)
                      .optFilter("EXISTS(" + attribute + ")")
                      .build())));
    }
    for (int run = 0; run < 2; run++) {
      List<ByteBuffer> data = new ArrayList<>();
      row.buffers().forEach(b -> data.add(ByteBuffer.wrap(b)));
      methods.writeRows(new long[] {slot}, buffers, data);
      methods.setAlive(new long[] {slot}, new boolean[1], slots.hwm());
      for (SearchPath path : List.of(SearchPath.MASKED, SearchPath.COMPACT, SearchPath.INDEXED)) {
        for (SearchBatch batch : queries) {
          index.search(batch, index.options().withPath(path));
        }
      }
    }
  }

  /**
   * Extends dictionaries for the parsed items and writes those accepted into free slots, then
   * publishes them all at once. Items that find no slot are refused with {@code fullMessage}.
   *
   * @return the items applied
   */
  int upsert(
      List<Item> parsed,
      List<Integer> positions,
      ToLongFunction<Item> expiry,
      String fullMessage,
      List<UpdateResult.ItemError> errors) {
    List<Item> accepted = new ArrayList<>();
    List<Integer> acceptedAt = new ArrayList<>();
    lock.writeLock().lock();
    try {
      // Searches read the dictionaries while compiling requests, under the read lock.
      for (int j = 0; j < parsed.size(); j++) {
        try {
          encoder.extendDictionaries(parsed.get(j));
          accepted.add(parsed.get(j));
          acceptedAt.add(positions.get(j));
        } catch (LiveRowEncoder.RowException e) {
          errors.add(new UpdateResult.ItemError(positions.get(j), e.field(), e.getMessage()));
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    return write(accepted, acceptedAt, expiry, fullMessage, errors);
  }

  private int write(
      List<Item> items,
      List<Integer> positions,
      ToLongFunction<Item> expiry,
      String fullMessage,
      List<UpdateResult.ItemError> errors) {
    List<BufferSpec> buffers = encoder.rowBuffers();
    List<ByteBuffer> data = new ArrayList<>();
    for (BufferSpec b : buffers) {
      long cells = b.shape().length > 1 ? b.shape()[1] : 1;
      data.add(ByteBuffer.allocate((int) (items.size() * cells * b.dtype().bytes())));
    }
    reclaim();
    long[] reserved = new long[items.size()];
    long[] modelIds = new long[items.size()];
    long[] expiries = new long[items.size()];
    List<String> newIds = new ArrayList<>();
    int m = 0;
    for (int j = 0; j < items.size(); j++) {
      Item item = items.get(j);
      long slot = reserve();
      if (slot < 0) {
        errors.add(new UpdateResult.ItemError(positions.get(j), "id", fullMessage));
        continue;
      }
      long modelId = modelIdFor(item.id(), newIds);
      long expires = expiry.applyAsLong(item);
      LiveRowEncoder.EncodedRow row = encoder.encode(item, modelId, expires);
      for (int i = 0; i < buffers.size(); i++) {
        data.get(i).put(row.buffers().get(i));
      }
      overlay.put(slot, row.attributes(), row.storedVector());
      reserved[m] = slot;
      modelIds[m] = modelId;
      expiries[m] = expires;
      m++;
    }
    if (m == 0) {
      return 0;
    }
    long[] written = Arrays.copyOf(reserved, m);
    data.forEach(ByteBuffer::flip);
    methods.writeRows(written, buffers, data);
    writtenSinceIndex += m;
    long[] old = new long[m];
    int olds = 0;
    for (int j = 0; j < m; j++) {
      long previous = slots.slotOf(modelIds[j]);
      if (previous >= 0) {
        old[olds++] = previous;
      }
    }
    long[] flipSlots = new long[m + olds];
    boolean[] flags = new boolean[m + olds];
    System.arraycopy(written, 0, flipSlots, 0, m);
    Arrays.fill(flags, 0, m, true);
    System.arraycopy(old, 0, flipSlots, m, olds);
    if (!newIds.isEmpty()) {
      lock.writeLock().lock();
      try {
        idTable.addAll(newIds);
      } finally {
        lock.writeLock().unlock();
      }
    }
    // The model turns the new slots on (and raises the mark) before any snapshot allows them.
    methods.setAlive(written, Arrays.copyOf(flags, m), slots.hwm());
    long version = published.publish(flipSlots, flags);
    for (int j = 0; j < m; j++) {
      slots.bind(modelIds[j], written[j], expiries[j]);
    }
    for (int j = 0; j < olds; j++) {
      slots.retire(old[j]);
      pending.add(old[j], version);
    }
    reclaim();
    return m;
  }

  /** A free slot per the slot policy; when none is, waits for pending slots to become free. */
  /**
   * Whether the rows written since the attribute index was built are enough to rebuild it: more
   * than 1/{@value #REINDEX_DIVISOR} of the slots in use, and more than {@value
   * #MIN_ROWS_BEFORE_REINDEX}.
   */
  boolean indexStale() {
    return writtenSinceIndex > Math.max(MIN_ROWS_BEFORE_REINDEX, slots.hwm() / REINDEX_DIVISOR);
  }

  /** Rebuilds the attribute index. No search may run on this generation meanwhile. */
  void reindex() {
    methods.reindex();
    writtenSinceIndex = 0;
  }

  private long reserve() {
    long slot = slots.reserve();
    if (slot < 0 && pending.size() > 0) {
      free(pending.awaitReusable());
      slot = slots.reserve();
    }
    return slot;
  }

  /** Frees the pending slots that no search can read any more. */
  private void reclaim() {
    free(pending.takeReusable());
  }

  private void free(long[] reusable) {
    for (long s : reusable) {
      overlay.remove(s);
      slots.release(s);
    }
  }

  /** The model id of an item: the id, or its id table row (a new row for a new string id). */
  private long modelIdFor(ItemId id, List<String> newIds) {
    if (id instanceof ItemId.Num num) {
      return num.value();
    }
    String s = ((ItemId.Str) id).value();
    Long row = idRows.get(s);
    if (row == null) {
      row = (long) (idTable.size() + newIds.size());
      newIds.add(s);
      idRows.put(s, row);
    }
    return row;
  }

  /** The model id of a caller's id, or Long.MIN_VALUE when no item can have it. */
  long modelIdOrMissing(Object id) {
    if (metadata.schema().idType() == IdType.INT) {
      if (id instanceof Long || id instanceof Integer) {
        return ((Number) id).longValue();
      }
      throw new IllegalArgumentException("ids of this index are integers, got: " + id);
    }
    if (!(id instanceof String)) {
      throw new IllegalArgumentException("ids of this index are strings, got: " + id);
    }
    Long row = idRows.get(id);
    return row == null ? Long.MIN_VALUE : row;
  }

  /** As {@link LiveIndex#delete}. */
  UpdateResult delete(List<?> ids) {
    List<UpdateResult.ItemError> errors = new ArrayList<>();
    List<Long> modelIds = new ArrayList<>();
    List<Long> found = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      Object id = ids.get(i);
      long modelId;
      try {
        modelId = modelIdOrMissing(id);
      } catch (IllegalArgumentException e) {
        errors.add(new UpdateResult.ItemError(i, "id", e.getMessage()));
        continue;
      }
      long slot = modelId == Long.MIN_VALUE ? -1 : slots.slotOf(modelId);
      if (slot < 0 || !seen.add(modelId)) {
        errors.add(new UpdateResult.ItemError(i, "id", "id " + id + " is not in the index"));
        continue;
      }
      modelIds.add(modelId);
      found.add(slot);
    }
    long version = unpublish(found.stream().mapToLong(Long::longValue).toArray());
    modelIds.forEach(slots::unbind);
    found.forEach(s -> pending.add(s, version));
    reclaim();
    return new UpdateResult(found.size(), errors);
  }

  /** As {@link LiveIndex#expire}. */
  int expire(long now) {
    long[] expired = slots.expired(now);
    long version = unpublish(expired);
    for (long s : expired) {
      slots.unbind(slots.modelIdAt(s));
      pending.add(s, version);
    }
    reclaim();
    return expired.length;
  }

  /**
   * Publishes a snapshot without these slots (the model's alive bits stay on: searches holding
   * older snapshots may still read the rows) and returns its version, or the current version when
   * there is nothing to turn off.
   */
  private long unpublish(long[] slotsOff) {
    if (slotsOff.length == 0) {
      return published.version();
    }
    return published.publish(slotsOff, new boolean[slotsOff.length]);
  }

  /** Closes the model and deletes the folder this generation owns. */
  @Override
  public void close() throws IOException {
    try {
      published.close();
      index.close();
    } finally {
      if (ownedFolder != null) {
        FileTrees.deleteTree(ownedFolder);
      }
    }
  }
}
