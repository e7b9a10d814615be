package dev.linr.items;

import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Infers CSV column types in one pass: per column, over all non-empty values (all parts of
 * multi-valued cells), int if every value parses as a 64-bit integer, else float if every value is
 * a finite decimal number, else bool if every value is true or false (any case), else string; a
 * column without values is string. The id column is int if every id parses as an integer, else
 * string.
 */
final class CsvInference {
  private CsvInference() {}

  /**
   * Reads the header and all rows.
   *
   * @throws ItemInputException "no items in ..." for a file without a header row, or for a bad
   *     header or row shape
   */
  static CsvLayout infer(Path file) throws IOException {
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      List<String> names = reader.next();
      if (names == null) {
        throw new ItemInputException(null, 0, null, "no items in " + file);
      }
      CsvLayout.Header header = CsvLayout.parseHeader(file, reader.line(), names);
      int n = header.columns().size();
      boolean[] notLong = new boolean[n];
      boolean[] notDouble = new boolean[n];
      boolean[] notBool = new boolean[n];
      boolean[] any = new boolean[n];
      boolean idsLong = true;
      for (List<String> row = reader.next(); row != null; row = reader.next()) {
        if (row.size() != header.fieldCount()) {
          throw new ItemInputException(
              file,
              reader.line(),
              null,
              "row has " + row.size() + " fields but the header has " + header.fieldCount());
        }
        String id = JsonNumbers.trimSpaces(row.get(header.idIndex()));
        if (idsLong && !id.isEmpty() && JsonNumbers.parseLongOrNull(id) == null) {
          idsLong = false;
        }
        for (int i = 0; i < n; i++) {
          CsvLayout.Column c = header.columns().get(i);
          String cell = JsonNumbers.trimSpaces(row.get(c.index()));
          if (cell.isEmpty() || (notLong[i] && notDouble[i] && notBool[i])) {
            continue;
          }
          for (String v : c.bracketed() ? CsvLayout.splitParts(cell) : List.of(cell)) {
            any[i] = true;
            notLong[i] |= JsonNumbers.parseLongOrNull(v) == null;
            notDouble[i] |= JsonNumbers.parseDoubleOrNull(v) == null;
            notBool[i] |= JsonNumbers.parseBoolOrNull(v) == null;
          }
        }
      }
      List<AttributeType> types = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        types.add(
            !any[i]
                ? AttributeType.STRING
                : !notLong[i]
                    ? AttributeType.INT
                    : !notDouble[i]
                        ? AttributeType.FLOAT
                        : !notBool[i] ? AttributeType.BOOL : AttributeType.STRING);
      }
      return header.withTypes(idsLong ? IdType.INT : IdType.STRING, types);
    }
  }
}
