package dev.linr.items;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The columns of a CSV metadata file and how to turn a row into item fields. The header names an
 * {@code id} column, optionally {@code expires_at} (epoch seconds), and attribute columns; a {@code
 * []} suffix ({@code skills[]}) marks a multi-valued column whose cells hold values separated by
 * {@code |}. Cells are trimmed of spaces and tabs; an empty cell means the item lacks the attribute
 * (or has no expiry); empty parts of a multi-valued cell are dropped.
 */
final class CsvLayout {
  /** One header column, before types are known. */
  record Column(int index, String header, String name, boolean bracketed) {}

  private final Path file;
  private final int fieldCount;
  private final int idIndex;
  private final int expiresIndex;
  private final IdType idType;
  private final List<Column> attributeColumns;
  private final List<AttributeSpec> specs;

  private CsvLayout(
      Path file,
      int fieldCount,
      int idIndex,
      int expiresIndex,
      IdType idType,
      List<Column> attributeColumns,
      List<AttributeSpec> specs) {
    this.file = file;
    this.fieldCount = fieldCount;
    this.idIndex = idIndex;
    this.expiresIndex = expiresIndex;
    this.idType = idType;
    this.attributeColumns = attributeColumns;
    this.specs = specs;
  }

  /** The header's columns: checks names, finds id and expires_at. */
  static Header parseHeader(Path file, long line, List<String> names) {
    List<Column> attrs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int id = -1;
    int expires = -1;
    for (int i = 0; i < names.size(); i++) {
      String header = JsonNumbers.trimSpaces(names.get(i));
      boolean bracketed = header.endsWith("[]");
      String name = bracketed ? header.substring(0, header.length() - 2) : header;
      if (name.isEmpty()) {
        throw new ItemInputException(
            file, line, null, "column " + (i + 1) + " of the header has no name");
      }
      if (!seen.add(name)) {
        throw new ItemInputException(file, line, name, "duplicate column '" + name + "'");
      }
      if (name.equals("vector")) {
        throw new ItemInputException(
            file, line, name, "column 'vector' is not allowed: vectors come from the .npy file");
      }
      if ((name.equals("id") || name.equals("expires_at")) && bracketed) {
        throw new ItemInputException(
            file, line, name, "column '" + name + "' cannot be multi-valued");
      }
      if (name.equals("id")) {
        id = i;
      } else if (name.equals("expires_at")) {
        expires = i;
      } else {
        try {
          new AttributeSpec(name, AttributeType.STRING, bracketed);
        } catch (IllegalArgumentException e) {
          throw new ItemInputException(file, line, name, e.getMessage());
        }
        attrs.add(new Column(i, header, name, bracketed));
      }
    }
    if (id < 0) {
      throw new ItemInputException(
          file,
          line,
          "id",
          "the header has no 'id' column (columns: " + String.join(", ", names) + ")");
    }
    return new Header(file, line, names.size(), id, expires, attrs);
  }

  /** A parsed header row. */
  record Header(
      Path file, long line, int fieldCount, int idIndex, int expiresIndex, List<Column> columns) {

    /** Types from a schema: every column must be declared, with a compatible multiplicity. */
    CsvLayout withSchema(IndexSchema schema) {
      List<AttributeSpec> specs = new ArrayList<>();
      for (Column c : columns) {
        AttributeSpec spec =
            schema
                .attribute(c.name())
                .orElseThrow(
                    () ->
                        new ItemInputException(
                            file,
                            line,
                            c.name(),
                            "column '" + c.header() + "' is not in the schema"));
        if (c.bracketed() && !spec.multiValued()) {
          throw new ItemInputException(
              file,
              line,
              c.name(),
              "column '"
                  + c.header()
                  + "' is multi-valued but the schema declares "
                  + c.name()
                  + " as "
                  + spec.typeName());
        }
        specs.add(spec);
      }
      return new CsvLayout(
          file, fieldCount, idIndex, expiresIndex, schema.idType(), columns, specs);
    }

    /** Types as inferred; one per column, in order. */
    CsvLayout withTypes(IdType idType, List<AttributeType> types) {
      List<AttributeSpec> specs = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        specs.add(new AttributeSpec(c.name(), types.get(i), c.bracketed()));
      }
      return new CsvLayout(file, fieldCount, idIndex, expiresIndex, idType, columns, specs);
    }
  }

  /** The schema these columns describe. */
  IndexSchema toSchema(int dimension, Metric metric, StorageType dtype) {
    IndexSchema.Builder b =
        IndexSchema.builder()
            .setDimension(dimension)
            .optMetric(metric)
            .optDtype(dtype)
            .optIdType(idType);
    specs.forEach(b::addAttribute);
    return b.build();
  }

  /** Converts one record (starting on {@code line}). */
  ItemFields convert(List<String> fields, long line) {
    if (fields.size() != fieldCount) {
      throw new ItemInputException(
          file,
          line,
          null,
          "row has " + fields.size() + " fields but the header has " + fieldCount);
    }
    String idText = JsonNumbers.trimSpaces(fields.get(idIndex));
    if (idText.isEmpty()) {
      throw new ItemInputException(file, line, "id", "missing id");
    }
    ItemId id;
    if (idType == IdType.INT) {
      Long v = JsonNumbers.parseLongOrNull(idText);
      if (v == null) {
        throw new ItemInputException(
            file,
            line,
            "id",
            "id must be an integer (id_type int), got " + JsonNumbers.quote(idText));
      }
      id = new ItemId.Num(v);
    } else {
      id = new ItemId.Str(idText);
    }
    OptionalLong expiresAt = OptionalLong.empty();
    if (expiresIndex >= 0) {
      String t = JsonNumbers.trimSpaces(fields.get(expiresIndex));
      if (!t.isEmpty()) {
        Long v = JsonNumbers.parseLongOrNull(t);
        if (v == null) {
          throw new ItemInputException(
              file,
              line,
              "expires_at",
              "expires_at must be an integer (epoch seconds), got " + JsonNumbers.quote(t));
        }
        expiresAt = OptionalLong.of(v);
      }
    }
    Map<String, List<Object>> attrs = null;
    for (int i = 0; i < attributeColumns.size(); i++) {
      Column c = attributeColumns.get(i);
      List<Object> values = values(fields.get(c.index()), specs.get(i), line);
      if (values != null) {
        if (attrs == null) {
          attrs = new LinkedHashMap<>();
        }
        attrs.put(c.name(), values);
      }
    }
    return new ItemFields(
        id, null, attrs == null ? Map.of() : Collections.unmodifiableMap(attrs), expiresAt);
  }

  private List<Object> values(String cell, AttributeSpec spec, long line) {
    String t = JsonNumbers.trimSpaces(cell);
    if (t.isEmpty()) {
      return null;
    }
    if (!spec.multiValued()) {
      return List.of(value(t, spec, -1, line));
    }
    List<Object> out = new ArrayList<>();
    for (String part : splitParts(t)) {
      out.add(value(part, spec, out.size(), line));
    }
    return out.isEmpty() ? null : Collections.unmodifiableList(out);
  }

  /** The non-empty, trimmed parts of a multi-valued cell. */
  static List<String> splitParts(String cell) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= cell.length()) {
      int bar = cell.indexOf('|', start);
      int end = bar < 0 ? cell.length() : bar;
      String p = JsonNumbers.trimSpaces(cell.substring(start, end));
      if (!p.isEmpty()) {
        out.add(p);
      }
      start = end + 1;
    }
    return out;
  }

  private Object value(String text, AttributeSpec spec, int index, long line) {
    Object v;
    switch (spec.type()) {
      case STRING:
        return text;
      case INT:
        v = JsonNumbers.parseLongOrNull(text);
        break;
      case FLOAT:
        v = JsonNumbers.parseDoubleOrNull(text);
        break;
      default:
        v = JsonNumbers.parseBoolOrNull(text);
    }
    if (v == null) {
      throw new ItemInputException(
          file,
          line,
          "attributes." + spec.name(),
          "attribute '"
              + spec.name()
              + "'"
              + (index >= 0 ? " element " + index : "")
              + ": expected "
              + spec.type().jsonName()
              + ", got "
              + JsonNumbers.quote(text));
    }
    return v;
  }
}
