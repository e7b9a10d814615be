package dev.linr.runtime;

import dev.linr.index.AttributeColumn;
import dev.linr.index.BuildProgress;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.index.IndexMetadata;
import dev.linr.items.PositionalItems;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A copy of a live index's state, to write as an ordinary model archive: its items in slot order
 * (vectors in their stored form, attributes in their schema's types; read when the archive is
 * written, as they were when the state was taken), its schema and capacity, and its string
 * dictionaries (values in code order) and list widths, which the archive keeps so that its column
 * encodings, string codes and room for new values are those of the live index. Immutable.
 *
 * @param items the items, in slot order; each read of them gives the same items
 * @param schema the index's schema
 * @param capacity the slots of the archive to write
 * @param dictionaries per string attribute, its values in code order
 * @param widths per list-encoded attribute, its list width
 */
public record LiveState(
    PositionalItems items,
    IndexSchema schema,
    long capacity,
    Map<String, List<String>> dictionaries,
    Map<String, Integer> widths) {
  public LiveState {
    Objects.requireNonNull(items, "items");
    dictionaries = Map.copyOf(dictionaries);
    widths = Map.copyOf(widths);
  }

  /**
   * The state of {@code items} under {@code metadata}'s schema, dictionaries and widths, for an
   * archive of {@code capacity} slots (call it while no update runs, since updates extend the
   * dictionaries).
   */
  static LiveState of(PositionalItems items, IndexMetadata metadata, long capacity) {
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
    return new LiveState(items, metadata.schema(), capacity, dictionaries, widths);
  }

  /**
   * Builds the archive of this state with {@link IndexBuilder}: the item in slot {@code i} of the
   * archive is {@code items().item(i)}, its vector taken as a stored vector (written as given, not
   * normalised again, so the archive holds it bit for bit).
   *
   * @param output the archive folder to write (must not exist)
   * @param progress where the build reports its progress
   */
  public BuildResult writeArchive(Path output, BuildProgress progress) throws IOException {
    return IndexBuilder.builder()
        .setItems(items)
        .setOutput(output)
        .optSchema(schema)
        .optCapacity(capacity)
        .optDictionaries(dictionaries)
        .optMinWidths(widths)
        .optVectorsStored(true)
        .optProgress(progress)
        .build()
        .run();
  }
}
