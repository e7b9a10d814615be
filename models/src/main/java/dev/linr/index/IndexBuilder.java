package dev.linr.index;

import com.google.gson.JsonObject;
import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.FileTrees;
import dev.linr.archive.ServingProperties;
import dev.linr.archive.StagedFolder;
import dev.linr.archive.TranslatorJar;
import dev.linr.items.Item;
import dev.linr.items.ItemFiles;
import dev.linr.items.ItemInput;
import dev.linr.items.ItemSource;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.torchscript.TorchScriptArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds an index model archive folder from items, streaming: the corpus is never held in memory,
 * every buffer is spilled to disk row by row and then copied into the TorchScript file.
 *
 * <pre>{@code
 * BuildResult r = IndexBuilder.builder()
 *     .setItems(ItemFiles.jsonl(Path.of("items.jsonl")))
 *     .setOutput(Path.of("models/posts"))
 *     .optMetric(Metric.COSINE)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>The folder is assembled next to the output and renamed into place at the end, so a failed
 * build leaves nothing behind. Not thread-safe; one build per instance.
 */
public final class IndexBuilder {
  /** The serving translator class named in {@code serving.properties}. */
  public static final String SERVING_TRANSLATOR = "dev.linr.translate.IndexServingTranslator";

  /** Where the self-contained serving translator jar goes inside an archive. */
  public static final String TRANSLATOR_JAR = TranslatorJar.PATH;

  private final ItemInput items;
  private final Path output;
  private final String name;
  private final IndexSchema schema;
  private final Metric metric;
  private final StorageType dtype;
  private final double slack;
  private final long minSlack;
  private final long capacity;
  private final boolean overwrite;
  private final BuildProgress progress;
  private final Supplier<InputStream> translatorJar;
  private final Map<String, List<String>> seedDictionaries;
  private final Map<String, Integer> minWidths;
  private final boolean vectorsStored;

  private IndexBuilder(Builder b) {
    this.items = b.items;
    this.output = b.output.toAbsolutePath().normalize();
    this.name = b.name != null ? b.name : dev.linr.archive.ArchiveFormat.modelName(output);
    this.schema = b.schema;
    this.metric = b.metric;
    this.dtype = b.dtype;
    this.slack = b.slack;
    this.minSlack = b.minSlack;
    this.capacity = b.capacity;
    this.overwrite = b.overwrite;
    this.progress = b.progress;
    this.translatorJar = b.translatorJar;
    this.seedDictionaries = b.seedDictionaries;
    this.minWidths = b.minWidths;
    this.vectorsStored = b.vectorsStored;
  }

  /** Runs the build. */
  public BuildResult run() throws IOException {
    Instant start = Instant.now();
    if (Files.exists(output) && !overwrite) {
      throw new IllegalArgumentException(
          "output " + output + " already exists; remove it or pass --overwrite");
    }
    IndexSchema resolved = resolveSchema();
    InputStats stats = scan(resolved);
    if (stats.count() == 0) {
      throw new IllegalArgumentException("no items in " + items.describe());
    }
    long slots = capacity > 0 ? capacity : IndexLayout.capacityFor(stats.count(), slack, minSlack);
    if (slots < stats.count()) {
      throw new IllegalArgumentException(
          "capacity " + slots + " is below the item count " + stats.count());
    }
    IndexLayout layout = IndexLayout.of(resolved, slots, stats.widths(), stats.cardinalities());
    try (StagedFolder staged = StagedFolder.beside(output, name, "building")) {
      Path work = staged.path();
      Path spillDir = Files.createDirectory(work.resolve(".spill"));
      IndexMetadata metadata;
      try (RowWriter rows = new RowWriter(layout, stats.dictionaries(), spillDir, vectorsStored)) {
        write(resolved, stats.count(), rows);
        rows.finish();
        rows.close();
        writeModel(work, layout, rows.files());
        metadata =
            new IndexMetadata(
                FormatVersion.CURRENT,
                resolved,
                stats.count(),
                slots,
                stats.widths(),
                stats.dictionaries(),
                rows.stringIds(),
                buildInfo(start, stats.count()));
      }
      FileTrees.deleteTree(spillDir);
      metadata.write(work);
      ServingProperties.forIndex(name, SERVING_TRANSLATOR).write(work);
      TranslatorJar.copyInto(translatorJar, work);
      long modelBytes = Files.size(work.resolve(name + ".pt"));
      staged.publish();
      return new BuildResult(
          output, name, stats.count(), slots, modelBytes, Duration.between(start, Instant.now()));
    }
  }

  private IndexSchema resolveSchema() throws IOException {
    IndexSchema base =
        schema != null
            ? schema
            : items.inferSchema(
                metric != null ? metric : Metric.DOT, dtype != null ? dtype : StorageType.FLOAT32);
    IndexSchema.Builder b = base.toBuilder();
    if (metric != null) {
      b.optMetric(metric);
    }
    if (dtype != null) {
      b.optDtype(dtype);
    }
    return b.build();
  }

  private InputStats scan(IndexSchema resolved) throws IOException {
    InputStats stats = new InputStats(resolved, items.file());
    stats.seed(seedDictionaries, minWidths);
    progress.start("scanning", -1);
    try (ItemSource source = items.open(resolved)) {
      for (Item item = source.next(); item != null; item = source.next()) {
        stats.accept(item);
        if ((stats.count() & 0xffff) == 0) {
          progress.advance(stats.count());
        }
      }
    }
    progress.advance(stats.count());
    progress.finish();
    return stats;
  }

  private void write(IndexSchema resolved, long count, RowWriter rows) throws IOException {
    progress.start("writing", count);
    try (ItemSource source = items.open(resolved)) {
      for (Item item = source.next(); item != null; item = source.next()) {
        rows.write(item);
        if ((rows.written() & 0x3fff) == 0) {
          progress.advance(rows.written());
        }
      }
    }
    if (rows.written() != count) {
      throw new IllegalStateException(
          "the input changed during the build: " + count + " items, then " + rows.written());
    }
    progress.advance(count);
    progress.finish();
  }

  private void writeModel(Path dir, IndexLayout layout, Map<String, Path> files)
      throws IOException {
    Path modelFile = dir.resolve(name + ".pt");
    progress.start("assembling model", files.size());
    try (TorchScriptArchiveWriter writer =
        new TorchScriptArchiveWriter(
            modelFile, name, IndexProgram.CLASS_NAME, IndexProgram.source(layout))) {
      int done = 0;
      for (BufferSpec b : layout.buffers()) {
        writer.addTensorFromFile(b.name(), b.dtype(), b.shape(), files.get(b.name()));
        progress.advance(++done);
      }
      IndexProgram.addAttributes(writer);
    }
    progress.finish();
  }

  private JsonObject buildInfo(Instant start, long count) {
    JsonObject o = new JsonObject();
    o.addProperty("linr_version", Versions.linr());
    o.addProperty("built_at", Instant.now().toString());
    o.addProperty("input", items.describe());
    double seconds = Math.max(1e-9, Duration.between(start, Instant.now()).toNanos() / 1e9);
    o.addProperty("items_per_second", Math.round(count / seconds));
    return o;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a build: {@code set*} is required, {@code opt*} optional. */
  public static final class Builder {
    private ItemInput items;
    private Path output;
    private String name;
    private IndexSchema schema;
    private Metric metric;
    private StorageType dtype;
    private double slack = 0.10;
    private long minSlack = 16;
    private long capacity;
    private boolean overwrite;
    private BuildProgress progress = BuildProgress.NONE;
    private Supplier<InputStream> translatorJar;
    private Map<String, List<String>> seedDictionaries = Map.of();
    private Map<String, Integer> minWidths = Map.of();
    private boolean vectorsStored;

    private Builder() {}

    /**
     * The items to index: files ({@link ItemFiles}), or items in memory ({@link
     * dev.linr.items.PositionalItems}, which need a schema).
     */
    public Builder setItems(ItemInput items) {
      this.items = items;
      return this;
    }

    /** The archive folder to create. */
    public Builder setOutput(Path output) {
      this.output = output;
      return this;
    }

    /** The model name (default: the output folder's name, DJL-style). */
    public Builder optName(String name) {
      this.name = name;
      return this;
    }

    /** The schema; inferred from the items when absent. */
    public Builder optSchema(IndexSchema schema) {
      this.schema = schema;
      return this;
    }

    /** Overrides the schema's metric. */
    public Builder optMetric(Metric metric) {
      this.metric = metric;
      return this;
    }

    /** Overrides the schema's storage type. */
    public Builder optDtype(StorageType dtype) {
      this.dtype = dtype;
      return this;
    }

    /** Free slots for live updates as a fraction of the item count (default 0.10). */
    public Builder optSlack(double slack) {
      this.slack = slack;
      return this;
    }

    /** The fewest free slots to allocate (default 16). */
    public Builder optMinSlack(long minSlack) {
      this.minSlack = minSlack;
      return this;
    }

    /** An exact slot capacity, instead of count plus slack. */
    public Builder optCapacity(long capacity) {
      this.capacity = capacity;
      return this;
    }

    /** Replace an existing output folder. */
    public Builder optOverwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public Builder optProgress(BuildProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * The serving translator jar to place in {@code libs/}, so DJL Serving can load the archive.
     */
    public Builder optTranslatorJar(Supplier<InputStream> jar) {
      this.translatorJar = jar;
      return this;
    }

    /**
     * Dictionaries to start from: each string attribute's values in code order, placed before the
     * items' own values (a rebuild that keeps codes and column encodings). Default none.
     */
    public Builder optDictionaries(Map<String, List<String>> dictionaries) {
      Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
      dictionaries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      this.seedDictionaries = copy;
      return this;
    }

    /** Least values per item of multi-valued attributes (their list width). Default none. */
    public Builder optMinWidths(Map<String, Integer> widths) {
      widths.forEach(
          (k, w) -> {
            if (w < 1) {
              throw new IllegalArgumentException("minWidths." + k + " must be >= 1, got: " + w);
            }
          });
      this.minWidths = Map.copyOf(widths);
      return this;
    }

    /**
     * Whether the items' vectors are already in their stored form (normalised for cosine and
     * rounded to the storage type, as a live index's copy of its items holds them): they are then
     * written as given, not normalised again, so a rebuild keeps them bit for bit. Default false.
     */
    public Builder optVectorsStored(boolean stored) {
      this.vectorsStored = stored;
      return this;
    }

    public IndexBuilder build() {
      if (items == null) {
        throw new IllegalArgumentException("items are required");
      }
      if (schema == null && !items.infersSchema()) {
        throw new IllegalArgumentException("items in memory need a schema");
      }
      if (output == null) {
        throw new IllegalArgumentException("an output folder is required");
      }
      if (slack < 0 || Double.isNaN(slack)) {
        throw new IllegalArgumentException("slack must be >= 0, got: " + slack);
      }
      if (capacity < 0) {
        throw new IllegalArgumentException("capacity must be >= 0, got: " + capacity);
      }
      ArchiveFormat.checkModelName(name);
      return new IndexBuilder(this);
    }
  }
}
