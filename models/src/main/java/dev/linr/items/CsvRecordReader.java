package dev.linr.items;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records: comma-separated fields, double-quoted fields may hold commas, line
 * breaks (kept as {@code \n}) and doubled quotes {@code ""}. Blank lines between records are
 * skipped. Spaces before an opening or after a closing quote are tolerated; a quote inside an
 * unquoted field, text after a closing quote and an unclosed quote are errors naming the line.
 */
final class CsvRecordReader implements Closeable {
  private static final int MAX_RECORD_CHARS = 1 << 26;

  private final LineReader lines;
  private final Path file;
  private long recordLine;

  private CsvRecordReader(LineReader lines, Path file) {
    this.lines = lines;
    this.file = file;
  }

  static CsvRecordReader open(Path file) throws IOException {
    return new CsvRecordReader(LineReader.open(file), file);
  }

  /** The line the last record returned starts on. */
  long line() {
    return recordLine;
  }

  /** The next record's fields (at least one), or null at the end of the file. */
  List<String> next() throws IOException {
    String text;
    do {
      text = lines.next();
      if (text == null) {
        return null;
      }
    } while (JsonNumbers.isBlank(text));
    recordLine = lines.line();
    long physical = recordLine;
    long quoteLine = 0;
    int quoteColumn = 0;
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 after closing quote
    int i = 0;
    int chars = 0;
    while (true) {
      if (i == text.length()) {
        if (state != 2) {
          fields.add(cur.toString());
          return fields;
        }
        String more = lines.next();
        if (more == null) {
          throw new ItemInputException(
              file,
              quoteLine,
              null,
              "unterminated quoted field: the quote at column " + quoteColumn + " is never closed");
        }
        chars += text.length();
        if (chars > MAX_RECORD_CHARS) {
          throw new ItemInputException(
              file,
              quoteLine,
              null,
              "quoted field is longer than 64 Mi characters; is the quote at column "
                  + quoteColumn
                  + " unterminated?");
        }
        cur.append('\n');
        text = more;
        i = 0;
        physical = lines.line();
        continue;
      }
      char c = text.charAt(i++);
      switch (state) {
        case 0:
        case 1:
          if (c == ',') {
            fields.add(cur.toString());
            cur.setLength(0);
            state = 0;
          } else if (c == '"') {
            if (!JsonNumbers.isBlank(cur.toString())) {
              throw new ItemInputException(
                  file,
                  physical,
                  null,
                  "stray quote at column "
                      + i
                      + " inside an unquoted field; quote the whole field and double the quotes"
                      + " inside it (\"\")");
            }
            cur.setLength(0);
            state = 2;
            quoteLine = physical;
            quoteColumn = i;
          } else {
            cur.append(c);
            state = 1;
          }
          break;
        case 2:
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cur.append('"');
              i++;
            } else {
              state = 3;
            }
          } else {
            cur.append(c);
          }
          break;
        default:
          if (c == ',') {
            fields.add(cur.toString());
            cur.setLength(0);
            state = 0;
          } else if (c != ' ' && c != '\t') {
            throw new ItemInputException(
                file,
                physical,
                null,
                "unexpected character '"
                    + c
                    + "' at column "
                    + i
                    + " after a closing quote; a quoted field must end at a comma or the end of"
                    + " the line");
          }
      }
    }
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
