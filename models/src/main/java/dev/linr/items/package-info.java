/**
 * Streaming item input: JSON Lines items, or a NumPy {@code .npy} vector file with JSONL or CSV
 * metadata, read one item at a time with precise {@code file:line: reason} errors.
 *
 * <ul>
 *   <li>{@link dev.linr.items.ItemFiles} names the input files;
 *   <li>{@link dev.linr.items.ItemSources#open} streams {@link dev.linr.items.Item}s, type-checked
 *       against an {@link dev.linr.schema.IndexSchema} when one is given;
 *   <li>{@link dev.linr.items.SchemaInference} infers a schema (and counts items) in one pass;
 *   <li>{@link dev.linr.items.NpyReader} reads {@code .npy} rows without loading the file.
 * </ul>
 *
 * <p>Content errors are {@link dev.linr.items.ItemInputException}s (unchecked); I/O failures are
 * {@link java.io.IOException}s.
 */
package dev.linr.items;
