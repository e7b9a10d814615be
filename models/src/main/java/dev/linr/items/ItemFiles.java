package dev.linr.items;

import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which files hold the items. Either one JSON Lines file with vectors inline, or a NumPy {@code
 * .npy} file of vectors plus a metadata file (JSON Lines without {@code vector}, or CSV) with the
 * ids and attributes of the same rows in the same order.
 *
 * @param items the JSON Lines items, or the metadata file that goes with {@code vectors}
 * @param format how {@code items} is written
 * @param vectors the {@code .npy} vectors, or null when vectors are inline
 */
public record ItemFiles(Path items, Format format, Path vectors) implements ItemInput {

  /** How the items (or metadata) file is written. */
  public enum Format {
    /** One JSON object per line. */
    JSONL,
    /** RFC 4180 CSV with a header row; needs a vectors file. */
    CSV
  }

  public ItemFiles {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(format, "format");
    if (format == Format.CSV && vectors == null) {
      throw new IllegalArgumentException(
          "CSV item metadata (" + items + ") needs a .npy vectors file; CSV cannot hold vectors");
    }
  }

  /** JSON Lines items with inline vectors. */
  public static ItemFiles jsonl(Path items) {
    return new ItemFiles(items, Format.JSONL, null);
  }

  /**
   * Vectors from a {@code .npy} file, ids and attributes from a metadata file: CSV when its name
   * ends in {@code .csv} (any case), JSON Lines otherwise.
   */
  public static ItemFiles npy(Path vectors, Path metadata) {
    Objects.requireNonNull(vectors, "vectors");
    return new ItemFiles(metadata, formatOf(metadata), vectors);
  }

  /** Items alone ({@code vectors} null: JSON Lines), or with a vectors file as in {@link #npy}. */
  public static ItemFiles of(Path items, Path vectors) {
    return vectors == null ? jsonl(items) : npy(vectors, items);
  }

  private static Format formatOf(Path file) {
    Path name = Objects.requireNonNull(file, "metadata").getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".csv")
        ? Format.CSV
        : Format.JSONL;
  }

  /** Whether vectors come from a {@code .npy} file. */
  public boolean hasVectorFile() {
    return vectors != null;
  }

  @Override
  public ItemSource open(IndexSchema schema) throws IOException {
    return ItemSources.open(this, schema);
  }

  /** The items (or metadata) file. */
  @Override
  public Path file() {
    return items;
  }

  @Override
  public boolean infersSchema() {
    return true;
  }

  @Override
  public IndexSchema inferSchema(Metric metric, StorageType dtype) throws IOException {
    return SchemaInference.infer(this, metric, dtype).schema();
  }

  /** For messages: {@code items.jsonl}, or {@code vectors.npy + items.csv}. */
  @Override
  public String describe() {
    return vectors == null ? items.toString() : vectors + " + " + items;
  }

  @Override
  public String toString() {
    return describe();
  }
}
