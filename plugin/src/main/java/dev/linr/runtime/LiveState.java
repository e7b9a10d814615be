package dev.linr.runtime;

import dev.linr.index.AttributeColumn;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.index.IndexMetadata;
import dev.linr.items.ItemFiles;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of a live index's state, to write as an ordinary model archive: its items as JSON lines of
 * the build's item format (slot order; vectors in their stored form), its schema and capacity, and
 * its string dictionaries (values in code order) and list widths, which the archive keeps so that
 * its column encodings, string codes and room for new values are those of the live index.
 * Immutable.
 *
 * @param lines the items, one JSON line each
 * @param schema the index's schema
 * @param capacity the slots of the archive to write
 * @param dictionaries per string attribute, its values in code order
 * @param widths per list-encoded attribute, its list width
 */
public record LiveState(
    List<String> lines,
    IndexSchema schema,
    long capacity,
    Map<String, List<String>> dictionaries,
    Map<String, Integer> widths) {
  public LiveState {
    lines = List.copyOf(lines);
    dictionaries = Map.copyOf(dictionaries);
    widths = Map.copyOf(widths);
  }

  /**
   * The state of {@code lines} under {@code metadata}'s schema, capacity, dictionaries and widths
   * (call it while no update runs, since updates extend the dictionaries).
   */
  static LiveState of(List<String> lines, IndexMetadata metadata) {
    Map<String, List<String>> dictionaries = new LinkedHashMap<>();
    for (AttributeSpec a : metadata.schema().attributes()) {
      if (a.type() == AttributeType.STRING) {
        dictionaries.put(a.name(), List.copyOf(metadata.dictionary(a.name()).values()));
      }
    }
    Map<String, Integer> widths = new LinkedHashMap<>();
    for (AttributeColumn c : metadata.layout().columns()) {
      if (c.encoding() == AttributeColumn.Encoding.LIST) {
        widths.put(c.spec().name(), c.width());
      }
    }
    return new LiveState(lines, metadata.schema(), metadata.capacity(), dictionaries, widths);
  }

  /**
   * Builds the archive of this state with {@link IndexBuilder}: items in slot {@code i} of the
   * archive are {@code lines().get(i)}, their vectors taken as stored vectors (written as given,
   * not normalised again, so the archive holds them bit for bit).
   *
   * @param output the archive folder to write (must not exist)
   * @param itemsFile a scratch file for the items, deleted afterwards
   */
  public BuildResult writeArchive(Path output, Path itemsFile) throws IOException {
    try (Writer w = Files.newBufferedWriter(itemsFile, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
    try {
      return IndexBuilder.builder()
          .setItems(ItemFiles.jsonl(itemsFile))
          .setOutput(output)
          .optSchema(schema)
          .optCapacity(capacity)
          .optDictionaries(dictionaries)
          .optMinWidths(widths)
          .optVectorsStored(true)
          .build()
          .run();
    } finally {
      Files.deleteIfExists(itemsFile);
    }
  }
}
