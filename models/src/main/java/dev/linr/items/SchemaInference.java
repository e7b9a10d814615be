package dev.linr.items;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Infers an index schema from the items themselves, validating and counting them on the way.
 *
 * <ul>
 *   <li>dimension: of the first vector (or the {@code .npy} file's);
 *   <li>id type: of the first id (all ids must then be of that kind);
 *   <li>attributes, in order of first appearance: string, bool, int, or float when any value of the
 *       attribute has a fraction or exponent (ints and floats mix into float); a string or bool
 *       mixed with anything else is an error naming the attribute and both lines; multi-valued if
 *       any item gives an array (an empty one included); an attribute that is only ever null or an
 *       empty array is a string;
 *   <li>CSV metadata: column types as described for CSV (int, float, bool, else string),
 *       multi-valued for headers ending in {@code []}.
 * </ul>
 *
 * <p>JSON Lines need one pass; CSV metadata two over the CSV (types, then values), with one over
 * the {@code .npy} file.
 */
public final class SchemaInference {
  private SchemaInference() {}

  /**
   * Reads the whole input once and infers its schema.
   *
   * @param metric the metric to put in the schema; null means dot
   * @param dtype the storage type to put in the schema; null means float32
   * @throws ItemInputException at the first invalid item, for conflicting attribute types, or for
   *     an input without items
   */
  public static InferredInput infer(ItemFiles files, Metric metric, StorageType dtype)
      throws IOException {
    Metric m = metric != null ? metric : Metric.DOT;
    StorageType d = dtype != null ? dtype : StorageType.FLOAT32;
    if (files.format() == ItemFiles.Format.CSV) {
      // Opening without a schema infers the column types (a pass over the CSV); reading the
      // items with them then validates and counts, exactly as reading with the schema would.
      try (CsvItemSource source = CsvItemSource.open(files, null)) {
        while (source.next() != null) {
          // each row is checked as it is read
        }
        return new InferredInput(
            source.layout().toSchema(source.dimension(), m, d), source.count());
      }
    }
    Attributes attributes = new Attributes(files.items());
    try (JsonlItemSource source = JsonlItemSource.open(files, null, attributes)) {
      while (source.next() != null) {
        // the parser checks each item; the observer collects attribute types
      }
      IndexSchema.Builder b =
          IndexSchema.builder()
              .setDimension(source.dimension())
              .optMetric(m)
              .optDtype(d)
              .optIdType(source.idKind());
      attributes.specs().values().forEach(b::addAttribute);
      return new InferredInput(b.build(), source.count());
    }
  }

  /** Accumulates attribute types over all items. */
  private static final class Attributes implements AttributeObserver {
    private static final class Seen {
      AttributeType type;
      long typeLine;
      boolean multi;
    }

    private final Path file;
    private final Map<String, Seen> seen = new LinkedHashMap<>();

    Attributes(Path file) {
      this.file = file;
    }

    @Override
    public void observe(String name, AttributeType kind, boolean array, long line) {
      Seen s = seen.computeIfAbsent(name, k -> new Seen());
      s.multi |= array;
      if (kind == null || kind == s.type) {
        return;
      }
      if (s.type == null) {
        s.type = kind;
        s.typeLine = line;
      } else if (isNumber(s.type) && isNumber(kind)) {
        s.type = AttributeType.FLOAT;
      } else {
        throw new ItemInputException(
            file,
            line,
            "attributes." + name,
            "attribute '"
                + name
                + "' is "
                + family(kind)
                + " here but "
                + family(s.type)
                + " on line "
                + s.typeLine
                + "; an attribute must have one type");
      }
    }

    Map<String, AttributeSpec> specs() {
      Map<String, AttributeSpec> out = new LinkedHashMap<>();
      seen.forEach(
          (name, s) ->
              out.put(
                  name,
                  new AttributeSpec(
                      name, s.type == null ? AttributeType.STRING : s.type, s.multi)));
      return out;
    }

    private static boolean isNumber(AttributeType t) {
      return t == AttributeType.INT || t == AttributeType.FLOAT;
    }

    private static String family(AttributeType t) {
      switch (t) {
        case STRING:
          return "a string";
        case BOOL:
          return "a bool";
        default:
          return "a number";
      }
    }
  }
}
