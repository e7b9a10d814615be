package dev.linr.runtime;

import ai.djl.Device;
import ai.djl.pytorch.engine.PtSymbolBlock;
import dev.linr.index.BufferSpec;
import dev.linr.index.IndexBuffers;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.index.LiveRowEncoder;
import dev.linr.index.MappedRows;
import dev.linr.index.SlotTable;
import dev.linr.items.Item;
import dev.linr.items.ItemId;
import dev.linr.items.ItemInputException;
import dev.linr.items.ItemLineParser;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.translate.IndexContext;
import dev.linr.translate.IndexContexts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * An index model under live updates: upserts, deletes and expiry applied in place to the loaded
 * model's own tensors, without reloading it. Searches go through {@link #index()}.
 *
 * <p>Visibility: a new or rewritten item is written into a free slot (vector, norms, id, expiry and
 * attribute columns) while searches go on, then published by flipping alive bits (new slot on, the
 * old slot of a rewritten id off) under a short write lock that every search holds as a reader. No
 * search sees a half-written row, an id twice or an id missing. A slot freed by a delete, an expiry
 * sweep or a rewrite is reused by later rows.
 *
 * <p>Slot policy: a new row takes the lowest free slot below the high-water mark, else the slot at
 * the mark. The slots of one {@link #upsert} batch are taken in batch order; the old slots of ids
 * it rewrites are freed after the batch is published. When no slot is free and the mark is at
 * capacity the item is refused ("index full"); rebuild with more slack (the model does not grow).
 *
 * <p>Expiry: an item's {@code expires_at} (epoch seconds) or, when the index sets a maximum age on
 * an integer timestamp attribute ({@link Builder#optMaxAge}), that timestamp plus the age,
 * whichever is earlier. An item stops matching queries whose time ({@link Builder#optClock}) is at
 * or after its expiry; {@link #expire(long)} frees the slots of expired items (a scheduler calls
 * it).
 *
 * <p>String values a column's dictionary lacks are added while the column's encoding has room (see
 * {@link LiveRowEncoder}); the build's {@code dictionaries.json} and the archive on disk are not
 * changed (durability is not part of this class).
 *
 * <p>Thread-safe: searches run concurrently with each other and with updates; updates are applied
 * one batch at a time. Close it to free the model.
 *
 * <pre>{@code
 * try (LiveIndex live = LiveIndex.builder().setArchive(Path.of("models/posts")).build()) {
 *   UpdateResult r = live.upsert(List.of("{\"id\": 7, \"vector\": [0.1, 0.2]}"));
 *   SearchResponse hits = live.index().search(request);
 * }
 * }</pre>
 */
public final class LiveIndex implements AutoCloseable {
  private final LinrIndex index;
  private final ReentrantReadWriteLock lock;
  private final Object writer = new Object();
  private final IndexMetadata metadata;
  private final LiveRowEncoder encoder;
  private final ItemLineParser parser;
  private final SlotTable slots;
  private final LiveOverlay overlay;
  private final List<String> idTable;
  private final Map<String, Long> idRows = new HashMap<>();
  private final IndexModelMethods methods;
  private final String maxAgeAttribute;
  private final long maxAgeSeconds;

  private LiveIndex(Builder b) throws IOException {
    this.lock = new ReentrantReadWriteLock();
    Opened opened = new Opened();
    LongSupplier clock = b.clock;
    this.index =
        LinrIndex.open(
            b.archive,
            b.device,
            b.arguments,
            (dir, context) -> {
              opened.read(dir, context);
              return new IndexContext(
                  context.metadata(), opened.overlay, opened.overlay, opened.idTable, clock);
            },
            lock.readLock());
    try {
      this.metadata = index.metadata();
      this.encoder = new LiveRowEncoder(metadata);
      this.parser = new ItemLineParser(metadata.schema());
      this.slots = opened.slots;
      this.overlay = opened.overlay;
      this.idTable = opened.idTable;
      for (int i = 0; i < idTable.size(); i++) {
        idRows.put(idTable.get(i), (long) i);
      }
      this.methods =
          new IndexModelMethods(
              (PtSymbolBlock) index.model().getBlock(), index.model().getNDManager());
      this.maxAgeAttribute = b.maxAgeAttribute;
      this.maxAgeSeconds = b.maxAgeSeconds;
      if (maxAgeAttribute != null) {
        checkTimestamp(maxAgeAttribute);
      }
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
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

  private void checkTimestamp(String attribute) {
    for (AttributeSpec a : metadata.schema().attributes()) {
      if (a.name().equals(attribute)) {
        if (a.type() != AttributeType.INT || a.multiValued()) {
          throw new IllegalArgumentException(
              "maxAge needs a single-valued int attribute (epoch seconds), but '"
                  + attribute
                  + "' is "
                  + a.typeName());
        }
        return;
      }
    }
    throw new IllegalArgumentException("maxAge: no attribute named '" + attribute + "'");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link LiveIndex}: {@code setArchive} is required. */
  public static final class Builder {
    private Path archive;
    private Device device = Device.cpu();
    private Map<String, String> arguments = Map.of();
    private LongSupplier clock = () -> Instant.now().getEpochSecond();
    private String maxAgeAttribute;
    private long maxAgeSeconds;

    private Builder() {}

    /** The archive: a folder, {@code .zip} or {@code .tar.gz}. */
    public Builder setArchive(Path archive) {
      this.archive = archive;
      return this;
    }

    /** Default: the CPU. */
    public Builder optDevice(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Translator arguments overriding serving.properties (see {@link LinrIndex#open}). */
    public Builder optArguments(Map<String, String> arguments) {
      this.arguments = Map.copyOf(arguments);
      return this;
    }

    /** The time of each query in epoch seconds; default the system clock. */
    public Builder optClock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Items upserted with {@code attribute} (a single-valued int, epoch seconds) expire {@code
     * seconds} after it, or at their {@code expires_at} if earlier. Applies to upserts only; items
     * the build wrote keep their build-time expiry.
     */
    public Builder optMaxAge(String attribute, long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("maxAge must be >= 0 seconds, got: " + seconds);
      }
      this.maxAgeAttribute = Objects.requireNonNull(attribute, "attribute");
      this.maxAgeSeconds = seconds;
      return this;
    }

    /**
     * Loads the archive.
     *
     * @throws IllegalArgumentException if the archive is missing, corrupt or of another format
     *     version, or an option is invalid
     */
    public LiveIndex build() throws IOException {
      if (archive == null) {
        throw new IllegalArgumentException("archive must be set");
      }
      return new LiveIndex(this);
    }
  }

  /** The index to search; its searches see every published update. */
  public LinrIndex index() {
    return index;
  }

  /** Ids in the index (expired items count until {@link #expire} frees them). */
  public long size() {
    synchronized (writer) {
      return slots.size();
    }
  }

  public long capacity() {
    return slots.capacity();
  }

  /** One past the highest slot ever used (the high-water mark); at most {@link #capacity()}. */
  public long hwm() {
    synchronized (writer) {
      return slots.hwm();
    }
  }

  /** The slot that holds an id, or -1 ({@code Long} or {@code String} by the index's id type). */
  public long slotOf(Object id) {
    synchronized (writer) {
      long modelId = modelIdOrMissing(id);
      return modelId == Long.MIN_VALUE ? -1 : slots.slotOf(modelId);
    }
  }

  /** One item as {@link #forEachItem} reports it. */
  @FunctionalInterface
  public interface ItemVisitor {
    /**
     * @param id the item's id ({@code Long} or {@code String} by the index's id type)
     * @param vector its stored vector (a copy)
     * @param attributes its attributes as {@link dev.linr.index.AttributeLookup} decodes them
     * @param expiresAt its expiry in epoch seconds, {@link IndexLayout#NEVER} for none
     */
    void item(Object id, float[] vector, Map<String, Object> attributes, long expiresAt);
  }

  /**
   * Visits every item the index holds (expired items included until {@link #expire} frees them), in
   * slot order, as one consistent state: no update is applied while it runs. The visitor must not
   * update this index.
   */
  public void forEachItem(ItemVisitor visitor) {
    synchronized (writer) {
      boolean stringIds = metadata.schema().idType() != IdType.INT;
      for (long s = 0; s < slots.hwm(); s++) {
        long modelId = slots.modelIdAt(s);
        if (slots.slotOf(modelId) != s) {
          continue;
        }
        Object id = stringIds ? idTable.get((int) modelId) : (Object) modelId;
        visitor.item(id, overlay.vector(s), overlay.attributes(s), slots.expiresAt(s));
      }
    }
  }

  /**
   * Inserts or replaces items given in the build's JSON Lines item format, one item per string.
   * Each item is checked as a build checks it (dimension, finite values, attribute names and types,
   * {@code expires_at}); a refused item is reported with its field and changes nothing, while the
   * batch's other items apply. An id given twice in one batch is refused the second time.
   */
  public UpdateResult upsert(List<String> items) {
    List<UpdateResult.ItemError> errors = new ArrayList<>();
    synchronized (writer) {
      List<Item> parsed = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      Set<Object> seen = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        try {
          Item item = parser.parse(items.get(i), i + 1);
          if (!seen.add(item.id())) {
            throw new ItemInputException(
                null, 0, "id", "id " + item.id() + " appears earlier in this batch");
          }
          parsed.add(item);
          positions.add(i);
        } catch (ItemInputException e) {
          errors.add(new UpdateResult.ItemError(i, e.field(), e.reason()));
        }
      }
      List<Item> accepted = new ArrayList<>();
      List<Integer> acceptedAt = new ArrayList<>();
      lock.writeLock().lock();
      try {
        // Dictionaries are read by every search, so they grow only under the write lock.
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
      int applied = write(accepted, acceptedAt, errors);
      errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
      return new UpdateResult(applied, errors);
    }
  }

  /** Writes accepted items into free slots, then publishes them all at once. */
  private int write(
      List<Item> items, List<Integer> positions, List<UpdateResult.ItemError> errors) {
    List<BufferSpec> buffers = encoder.rowBuffers();
    List<ByteBuffer> data = new ArrayList<>();
    for (BufferSpec b : buffers) {
      long cells = b.shape().length > 1 ? b.shape()[1] : 1;
      data.add(ByteBuffer.allocate((int) (items.size() * cells * b.dtype().bytes())));
    }
    long[] reserved = new long[items.size()];
    long[] modelIds = new long[items.size()];
    long[] expiries = new long[items.size()];
    List<String> newIds = new ArrayList<>();
    int m = 0;
    for (int j = 0; j < items.size(); j++) {
      Item item = items.get(j);
      long slot = slots.reserve();
      if (slot < 0) {
        errors.add(
            new UpdateResult.ItemError(
                positions.get(j),
                "id",
                "index full: capacity "
                    + slots.capacity()
                    + "; rebuild with more slack (--slack or --capacity)"));
        continue;
      }
      long modelId = modelIdFor(item.id(), newIds);
      long expires = expiry(item);
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
    long[] written = java.util.Arrays.copyOf(reserved, m);
    data.forEach(ByteBuffer::flip);
    methods.writeRows(written, buffers, data);
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
    java.util.Arrays.fill(flags, 0, m, true);
    System.arraycopy(old, 0, flipSlots, m, olds);
    lock.writeLock().lock();
    try {
      idTable.addAll(newIds);
      methods.setAlive(flipSlots, flags, slots.hwm());
    } finally {
      lock.writeLock().unlock();
    }
    for (int j = 0; j < m; j++) {
      slots.bind(modelIds[j], written[j], expiries[j]);
    }
    for (int j = 0; j < olds; j++) {
      slots.release(old[j]);
      overlay.remove(old[j]);
    }
    return m;
  }

  private long expiry(Item item) {
    long expires = item.expiresAt().orElse(IndexLayout.NEVER);
    if (maxAgeAttribute != null) {
      List<Object> ts = item.attributes().get(maxAgeAttribute);
      if (ts != null) {
        long born = ((Number) ts.get(0)).longValue();
        long byAge = born > Long.MAX_VALUE - maxAgeSeconds ? Long.MAX_VALUE : born + maxAgeSeconds;
        expires = Math.min(expires, byAge);
      }
    }
    return expires;
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
  private long modelIdOrMissing(Object id) {
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

  /**
   * Deletes items by id ({@code Long} or {@code String} by the index's id type). An id that is not
   * in the index is reported as an error; the others are deleted at once.
   */
  public UpdateResult delete(List<?> ids) {
    List<UpdateResult.ItemError> errors = new ArrayList<>();
    synchronized (writer) {
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
      unpublish(found.stream().mapToLong(Long::longValue).toArray());
      modelIds.forEach(slots::remove);
      found.forEach(overlay::remove);
      return new UpdateResult(found.size(), errors);
    }
  }

  /**
   * Frees the slots of every item whose expiry is at or before {@code now} (epoch seconds). Such
   * items already match no query at that time; this makes their slots reusable.
   *
   * @return the number of items removed
   */
  public int expire(long now) {
    synchronized (writer) {
      long[] expired = slots.expired(now);
      unpublish(expired);
      for (long s : expired) {
        slots.remove(slots.modelIdAt(s));
        overlay.remove(s);
      }
      return expired.length;
    }
  }

  private void unpublish(long[] slotsOff) {
    if (slotsOff.length == 0) {
      return;
    }
    lock.writeLock().lock();
    try {
      methods.setAlive(slotsOff, new boolean[slotsOff.length], slots.hwm());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    index.close();
  }
}
