package dev.linr.runtime;

import ai.djl.Device;
import ai.djl.modality.Output;
import dev.linr.archive.FileTrees;
import dev.linr.index.IndexLayout;
import dev.linr.index.LiveRowEncoder;
import dev.linr.items.Item;
import dev.linr.items.ItemInputException;
import dev.linr.items.ItemLineParser;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchRequestParser;
import dev.linr.query.SearchResponse;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchOptions;
import java.io.IOException;
import java.nio.file.Files;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index model under live updates: upserts, deletes and expiry applied in place to the loaded
 * model's own tensors, without reloading it; when its free slots run low, a larger model is built
 * in the background and swapped in. Searches go through this class ({@link #search(SearchBatch)}
 * and the other search methods).
 *
 * <p>Visibility: a new or rewritten item is written into a free slot (vector, norms, id, expiry and
 * attribute columns) while searches go on, then published: the model's own alive bits only turn the
 * new slots on (and the high-water mark only rises), and which slots hold items is published as an
 * immutable, reference-counted copy of the alive mask on the model's device with the batch's flips
 * applied (new slots on, old slots of rewritten, deleted or expired ids off), swapped in at once.
 * Each search holds the mask current when it starts until its hits are decoded and passes it to the
 * model as its {@code allow} input (ANDed with the request's own masks), so it answers from exactly
 * one published state: no search sees a half-written row, an id twice or an id missing, and each
 * sees every update answered before it started. Searches never wait for updates and updates never
 * wait for searches: an update takes a lock only to extend dictionaries and the id table, which
 * searches take only while compiling a request and decoding hits, never across the forward pass. A
 * slot freed by a delete, an expiry sweep or a rewrite keeps its row until no search holding an
 * older mask is running, and is then reused by later rows.
 *
 * <p>Attribute index: the model's sorted columns (see {@link IndexLayout#indexBuffers()}) cover the
 * slots in use when they were built; rows written since are candidates of every indexed search (the
 * model lists the rewritten slots itself), so updates keep it exact. Once those rows exceed 1/32 of
 * the slots in use (and 1,024), the update that crossed the line rebuilds it, the one moment
 * searches wait: for the searches in flight to end and for the sort.
 *
 * <p>Slot policy: a new row takes the lowest free slot below the high-water mark, else the slot at
 * the mark. The slots of one {@link #upsert} batch are taken in batch order; the old slots of ids
 * it rewrites are freed after the batch is published (and after the searches that began before it
 * end; with none running, at once). A batch that finds no free slot while freed slots still wait
 * for such searches waits for them. Growth does not change it: a grown model holds every item in
 * the slot it held, and the same free slots and mark.
 *
 * <p>Growth: when an update leaves fewer free slots ({@link #capacity()} minus {@link #size()},
 * freed slots included) than {@link Builder#optGrowthThreshold} of the capacity, or an upsert batch
 * has more items than free slots, a thread named {@code linr-live-growth-<model>} copies the items
 * and builds an archive of the capacity times {@link Builder#optGrowthFactor} (at least the room
 * the batch needs, at most {@link Builder#optMaxCapacity}) with the same schema, dictionaries (in
 * code order) and list widths, so filter codes and encodings are unchanged. Updates go on while it
 * builds and are journaled; the grown model replays them, then replaces the current one under a
 * lock that waits only for the searches in flight, and the old model is closed. An upsert batch
 * that does not fit waits for the growth. Its items are refused ("index full", field {@code id})
 * only when growth is off (factor 1), the maximum capacity is reached, or the growth it waited for
 * failed (a failed growth is logged and tried again by the next batch that does not fit). Grown
 * archives live in a temporary folder ({@link Builder#optGrowthDirectory}) deleted on close.
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
 * <p>Thread-safe: searches run concurrently with each other, with updates and with growth; updates
 * are applied one batch at a time. Close it to free the model.
 *
 * <pre>{@code
 * try (LiveIndex live = LiveIndex.builder().setArchive(Path.of("models/posts")).build()) {
 *   UpdateResult r = live.upsert(List.of("{\"id\": 7, \"vector\": [0.1, 0.2]}"));
 *   SearchResponse hits = live.search(request);
 * }
 * }</pre>
 */
public final class LiveIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);

  /** At most this many journaled updates are replayed while updates wait for a swap. */
  private static final int FINAL_CATCH_UP = 4;

  /**
   * Searches hold it as readers; a swap of generations and a rebuild of the attribute index take it
   * as the writer.
   */
  private final ReentrantReadWriteLock generations = new ReentrantReadWriteLock();

  /** Held by every update and by the copy and swap of a growth. */
  private final Object writer = new Object();

  private final Device device;
  private final Map<String, String> arguments;
  private final LongSupplier clock;
  private final IndexSchema schema;
  private final ItemLineParser parser;
  private final String modelName;
  private final String maxAgeAttribute;
  private final long maxAgeSeconds;
  private final double growthFactor;
  private final double growthThreshold;
  private final long maxCapacity;
  private final Path growthParent;

  // Written under writer and the generations write lock; read under either.
  private volatile LiveGeneration current;
  private volatile boolean closed;
  // Guarded by writer.
  private Growth growth;
  private long failedAtCapacity = -1;
  private String lastFailure;
  private int growths;
  private int generationNumber;
  private Path growthFolder;

  private LiveIndex(Builder b) throws IOException {
    this.device = b.device;
    this.clock = b.clock;
    this.current = LiveGeneration.open(b.archive, b.device, b.arguments, b.clock, null);
    try {
      Map<String, String> args =
          new HashMap<>(current.index.servingProperties().translatorArguments());
      args.putAll(b.arguments);
      this.arguments = Map.copyOf(args);
      this.schema = current.metadata().schema();
      this.parser = new ItemLineParser(schema);
      this.modelName = current.index.model().getName();
      this.maxAgeAttribute = b.maxAgeAttribute;
      this.maxAgeSeconds = b.maxAgeSeconds;
      this.growthFactor = b.growthFactor;
      this.growthThreshold = b.growthThreshold;
      this.maxCapacity = b.maxCapacity;
      this.growthParent = b.growthParent;
      if (maxAgeAttribute != null) {
        checkTimestamp(maxAgeAttribute);
      }
    } catch (IOException | RuntimeException e) {
      current.close();
      throw e;
    }
  }

  private void checkTimestamp(String attribute) {
    for (AttributeSpec a : schema.attributes()) {
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
    /** The default {@link #optGrowthFactor}. */
    public static final double DEFAULT_GROWTH_FACTOR = 2;

    /** The default {@link #optGrowthThreshold}. */
    public static final double DEFAULT_GROWTH_THRESHOLD = 0.05;

    private Path archive;
    private Device device = Device.cpu();
    private Map<String, String> arguments = Map.of();
    private LongSupplier clock = () -> Instant.now().getEpochSecond();
    private String maxAgeAttribute;
    private long maxAgeSeconds;
    private double growthFactor = DEFAULT_GROWTH_FACTOR;
    private double growthThreshold = DEFAULT_GROWTH_THRESHOLD;
    private long maxCapacity = Integer.MAX_VALUE;
    private Path growthParent;

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
     * How much a growth multiplies the capacity (default {@value #DEFAULT_GROWTH_FACTOR}); 1 turns
     * growth off, so a full index refuses new items.
     *
     * @throws IllegalArgumentException if the factor is below 1 or not finite
     */
    public Builder optGrowthFactor(double factor) {
      if (!(factor >= 1) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("growthFactor must be a number >= 1, got: " + factor);
      }
      this.growthFactor = factor;
      return this;
    }

    /**
     * A growth starts once an update leaves fewer free slots than this fraction of the capacity
     * (default {@value #DEFAULT_GROWTH_THRESHOLD}), or an upsert batch does not fit.
     *
     * @throws IllegalArgumentException if the fraction is not within [0, 1]
     */
    public Builder optGrowthThreshold(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "growthThreshold must be within [0, 1], got: " + fraction);
      }
      this.growthThreshold = fraction;
      return this;
    }

    /**
     * The largest capacity growth goes to (default and most: {@link Integer#MAX_VALUE} slots). An
     * index at this capacity (or built above it) does not grow; items that find no slot are
     * refused.
     *
     * @throws IllegalArgumentException if the capacity is below 1
     */
    public Builder optMaxCapacity(long capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("maxCapacity must be >= 1, got: " + capacity);
      }
      this.maxCapacity = Math.min(capacity, Integer.MAX_VALUE);
      return this;
    }

    /**
     * The folder in which growth creates its temporary folder of grown archives (default the system
     * temporary folder); the temporary folder is deleted on close.
     */
    public Builder optGrowthDirectory(Path parent) {
      this.growthParent = Objects.requireNonNull(parent, "growthDirectory");
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

  /** The index's schema (the same in every generation). */
  public IndexSchema schema() {
    return schema;
  }

  /** The planner options from the archive's serving.properties and the translator arguments. */
  public SearchOptions options() {
    return current.index.options();
  }

  /** Answers one query; it sees every update published before it starts. */
  public SearchResponse search(SearchRequest request) {
    return search(SearchBatch.of(List.of(request))).get(0);
  }

  /** Answers a batch in one forward pass, responses in request order. */
  public List<SearchResponse> search(SearchBatch batch) {
    generations.readLock().lock();
    try {
      return generation().index.search(batch);
    } finally {
      generations.readLock().unlock();
    }
  }

  /** Answers a batch with other planner options (for example a forced search path). */
  public List<SearchResponse> search(SearchBatch batch, SearchOptions searchOptions) {
    generations.readLock().lock();
    try {
      return generation().index.search(batch, searchOptions);
    } finally {
      generations.readLock().unlock();
    }
  }

  /** As {@link LinrIndex#searchJson}. */
  public String searchJson(String requestJson) {
    generations.readLock().lock();
    try {
      return generation().index.searchJson(requestJson);
    } finally {
      generations.readLock().unlock();
    }
  }

  /** As {@link LinrIndex#requestParser()} (the same in every generation). Thread-safe. */
  public SearchRequestParser requestParser() {
    return current.index.requestParser();
  }

  /** As {@link LinrIndex#servingOutput}. */
  public Output servingOutput(ParsedRequests parsed, List<SearchResponse> responses) {
    return current.index.servingOutput(parsed, responses);
  }

  private LiveGeneration generation() {
    if (closed) {
      throw new IllegalStateException("the live index is closed");
    }
    return current;
  }

  /** Ids in the index (expired items count until {@link #expire} frees them). */
  public long size() {
    synchronized (writer) {
      return current.size();
    }
  }

  /** The slots of the current model; it rises with each growth. */
  public long capacity() {
    synchronized (writer) {
      return current.capacity();
    }
  }

  /** One past the highest slot ever used (the high-water mark); at most {@link #capacity()}. */
  public long hwm() {
    synchronized (writer) {
      return current.hwm();
    }
  }

  /** The growths completed since this index was opened. */
  public int growths() {
    synchronized (writer) {
      return growths;
    }
  }

  /** The slot that holds an id, or -1 ({@code Long} or {@code String} by the index's id type). */
  public long slotOf(Object id) {
    synchronized (writer) {
      return current.slotOf(id);
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
      current.forEachItem(visitor);
    }
  }

  /**
   * A consistent copy of the items (slot order, compacted), with the current capacity, dictionaries
   * and list widths, to write as an archive ({@link LiveState#writeArchive}). Updates wait only
   * while it freezes which item each slot holds; the items are read when the state is written, as
   * they were at this call, whatever updates or growths come between.
   */
  public LiveState copyState() {
    synchronized (writer) {
      return current.state();
    }
  }

  /**
   * Inserts or replaces items given in the build's JSON Lines item format, one item per string.
   * Each item is checked as a build checks it (dimension, finite values, attribute names and types,
   * {@code expires_at}); a refused item is reported with its field and changes nothing, while the
   * batch's other items apply. An id given twice in one batch is refused the second time. A batch
   * with more items than free slots waits for the index to grow (see the class comment).
   *
   * @throws IllegalStateException if the index is closed
   */
  public UpdateResult upsert(List<String> items) {
    List<UpdateResult.ItemError> errors = new ArrayList<>();
    synchronized (writer) {
      checkOpen();
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
      awaitRoom(parsed.size());
      LiveGeneration g = current;
      int applied = g.upsert(parsed, positions, this::expiry, fullMessage(g), errors);
      journal(new Journal.Upsert(List.copyOf(parsed), List.copyOf(positions), applied));
      reindexIfStale(g);
      growIfLow();
      errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
      return new UpdateResult(applied, errors);
    }
  }

  /**
   * Deletes items by id ({@code Long} or {@code String} by the index's id type). An id that is not
   * in the index is reported as an error; the others are deleted at once.
   *
   * @throws IllegalStateException if the index is closed
   */
  public UpdateResult delete(List<?> ids) {
    synchronized (writer) {
      checkOpen();
      List<?> copy = new ArrayList<>(ids);
      UpdateResult result = current.delete(copy);
      journal(new Journal.Delete(copy, result.applied()));
      return result;
    }
  }

  /**
   * Frees the slots of every item whose expiry is at or before {@code now} (epoch seconds). Such
   * items already match no query at that time; this makes their slots reusable.
   *
   * @return the number of items removed
   * @throws IllegalStateException if the index is closed
   */
  public int expire(long now) {
    synchronized (writer) {
      checkOpen();
      int removed = current.expire(now);
      journal(new Journal.Expire(now, removed));
      return removed;
    }
  }

  /**
   * Rebuilds the generation's attribute index once enough rows were written since it was built,
   * while searches wait (the sort takes about as long as one unfiltered B=1 scan).
   */
  private void reindexIfStale(LiveGeneration g) {
    if (!g.indexStale()) {
      return;
    }
    generations.writeLock().lock();
    try {
      g.reindex();
    } finally {
      generations.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the live index is closed");
    }
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

  // ---- growth ----

  /** An update applied to the current generation while a growth copies it. */
  private sealed interface Journal {
    record Upsert(List<Item> items, List<Integer> positions, int applied) implements Journal {}

    record Delete(List<?> ids, int applied) implements Journal {}

    record Expire(long now, int removed) implements Journal {}
  }

  /** One growth in progress. Guarded by writer. */
  private static final class Growth {
    final long capacity;
    Thread thread;

    /** Null until the items are copied; then every update applied since. */
    List<Journal> journal;

    boolean finished;
    String failure;

    Growth(long capacity) {
      this.capacity = capacity;
    }
  }

  private void journal(Journal update) {
    if (growth != null && growth.journal != null) {
      growth.journal.add(update);
    }
  }

  /** The message of an item that finds no slot in {@code g}. */
  private String fullMessage(LiveGeneration g) {
    String head = "index full: capacity " + g.capacity();
    if (growthFactor <= 1) {
      return head
          + "; growth is off (growth factor 1): rebuild with more slack (--slack or"
          + " --capacity)";
    }
    if (g.capacity() >= maxCapacity) {
      return head + " is the maximum capacity";
    }
    if (lastFailure != null) {
      return head + "; growing the index failed: " + lastFailure;
    }
    return head;
  }

  /**
   * Waits (holding no lock but writer's monitor wait) until {@code items} new rows fit, if ever.
   */
  private void awaitRoom(int items) {
    boolean interrupted = false;
    try {
      while (current.free() < items) {
        Growth g = growth;
        if (g == null) {
          if (!startGrowth(items)) {
            return;
          }
          g = growth;
        }
        while (!g.finished && !closed) {
          try {
            writer.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        checkOpen();
        if (g.failure != null) {
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts a growth when the free slots fell below the threshold. */
  private void growIfLow() {
    LiveGeneration g = current;
    if (growth == null
        && g.capacity() != failedAtCapacity
        && g.free() < growthThreshold * g.capacity()) {
      startGrowth(0);
    }
  }

  /**
   * Starts a growth with room for {@code items} more rows, unless growth is off or at its maximum.
   */
  private boolean startGrowth(int items) {
    LiveGeneration g = current;
    long capacity = g.capacity();
    if (growthFactor <= 1 || capacity >= maxCapacity) {
      return false;
    }
    long target = (long) Math.min((double) Long.MAX_VALUE, Math.ceil(capacity * growthFactor));
    target = Math.max(Math.max(target, capacity + 1), g.size() + items);
    target = Math.min(target, maxCapacity);
    Growth next = new Growth(target);
    Thread t = new Thread(() -> grow(next), "linr-live-growth-" + modelName);
    t.setDaemon(true);
    next.thread = t;
    growth = next;
    t.start();
    return true;
  }

  /** The growth thread: copy, build, load, replay the journal, swap, close the old generation. */
  private void grow(Growth g) {
    LiveGeneration next = null;
    LiveGeneration old = null;
    Path folder = null;
    try {
      LiveGeneration.GrowthCopy copy;
      synchronized (writer) {
        checkOpen();
        copy = current.growthCopy(g.capacity);
        g.journal = new ArrayList<>();
        folder = newGenerationFolder();
      }
      Path archive = folder.resolve(modelName);
      copy.state()
          .writeArchive(
              archive, new LoggedProgress("growing " + modelName + " to " + g.capacity + " slots"));
      next = LiveGeneration.open(archive, device, arguments, clock, folder);
      next.dropPlaceholders(copy);
      next.warmUp();
      int done = 0;
      while (old == null) {
        List<Journal> pending;
        synchronized (writer) {
          checkOpen();
          pending = new ArrayList<>(g.journal.subList(done, g.journal.size()));
          if (pending.size() <= FINAL_CATCH_UP) {
            replay(next, pending);
            old = current;
            generations.writeLock().lock();
            try {
              current = next;
            } finally {
              generations.writeLock().unlock();
            }
            growths++;
            lastFailure = null;
            failedAtCapacity = -1;
            g.journal = null;
            continue;
          }
        }
        replay(next, pending);
        done += pending.size();
      }
      // No search can reach the old model now: close it (and delete its archive) outside the
      // writer lock, then let the updates waiting for this growth go on.
      long from = old.capacity();
      closeQuietly(old);
      synchronized (writer) {
        finish(g, null);
      }
      LOG.info("index model {} grew from {} to {} slots", modelName, from, g.capacity);
    } catch (Exception | Error e) {
      if (next != null && old == null) {
        closeQuietly(next);
      } else if (next == null && folder != null) {
        deleteQuietly(folder);
      }
      synchronized (writer) {
        if (!closed) {
          LOG.warn("growth of index model {} to {} slots failed", modelName, g.capacity, e);
          lastFailure = String.valueOf(e.getMessage());
          failedAtCapacity = current.capacity();
        }
        finish(g, String.valueOf(e.getMessage()));
      }
      if (e instanceof Error err) {
        throw err;
      }
    }
  }

  /** Marks a growth done and wakes the updates waiting for it. Holds writer. */
  private void finish(Growth g, String failure) {
    g.failure = failure;
    g.finished = true;
    if (growth == g) {
      growth = null;
    }
    writer.notifyAll();
  }

  /** Applies journaled updates to a generation not yet published; they must do as they did. */
  private void replay(LiveGeneration next, List<Journal> updates) {
    for (Journal u : updates) {
      long done;
      long expected;
      if (u instanceof Journal.Upsert up) {
        expected = up.applied();
        done =
            next.upsert(
                up.items(),
                up.positions(),
                this::expiry,
                "index full: capacity " + next.capacity(),
                new ArrayList<>());
      } else if (u instanceof Journal.Delete d) {
        expected = d.applied();
        done = next.delete(d.ids()).applied();
      } else {
        Journal.Expire x = (Journal.Expire) u;
        expected = x.removed();
        done = next.expire(x.now());
      }
      if (done != expected) {
        throw new IllegalStateException(
            "the grown model applied " + done + " of an update that applied " + expected);
      }
    }
  }

  /** A new folder for a grown generation's archive, in this index's temporary folder. */
  private Path newGenerationFolder() throws IOException {
    if (growthFolder == null) {
      if (growthParent == null) {
        growthFolder = Files.createTempDirectory("linr-live-growth-");
      } else {
        Files.createDirectories(growthParent);
        growthFolder = Files.createTempDirectory(growthParent, "linr-live-growth-");
      }
    }
    Path folder = growthFolder.resolve("generation-" + ++generationNumber);
    Files.createDirectories(folder);
    return folder;
  }

  private void deleteQuietly(Path folder) {
    try {
      FileTrees.deleteTree(folder);
    } catch (IOException e) {
      LOG.warn("cannot delete {}", folder, e);
    }
  }

  private void closeQuietly(LiveGeneration g) {
    try {
      g.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing a replaced model of index model {} failed", modelName, e);
    }
  }

  /**
   * Stops a growth in progress (waiting for its build to end), closes the model once the searches
   * in flight are done, and deletes the temporary folder of grown archives.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (writer) {
      if (closed) {
        return;
      }
      closed = true;
      running = growth == null ? null : growth.thread;
      writer.notifyAll();
    }
    if (running != null) {
      boolean interrupted = false;
      while (running.isAlive()) {
        try {
          running.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    generations.writeLock().lock();
    try {
      closeQuietly(current);
    } finally {
      generations.writeLock().unlock();
    }
    Path folder;
    synchronized (writer) {
      folder = growthFolder;
    }
    if (folder != null) {
      deleteQuietly(folder);
    }
  }
}
