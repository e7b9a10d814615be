package dev.linr.items;

import java.nio.file.Path;

/**
 * A problem with the content of an item input. The message reads {@code <file>:<line>: <reason>}
 * when both are known, {@code <file>: <reason>} without a line, {@code line <line>: <reason>}
 * without a file, and just the reason otherwise.
 */
public final class ItemInputException extends IllegalArgumentException {
  private final String file;
  private final int line;
  private final String field;
  private final String reason;

  /**
   * @param file the file at fault, or null when not tied to one file
   * @param line the 1-based physical line (of the record's start), or 0 when not tied to a line;
   *     values above {@link Integer#MAX_VALUE} are clamped
   * @param field the field at fault ({@code id}, {@code vector}, {@code expires_at}, {@code
   *     attributes.<name>}, a CSV column or an unknown field's name), or null
   * @param reason what is wrong, without the location prefix
   */
  public ItemInputException(Path file, long line, String field, String reason) {
    super(format(file, line, reason));
    this.file = file == null ? null : file.toString();
    this.line = (int) Math.max(0, Math.min(Integer.MAX_VALUE, line));
    this.field = field;
    this.reason = reason;
  }

  private static String format(Path file, long line, String reason) {
    if (file != null && line > 0) {
      return file + ":" + line + ": " + reason;
    }
    if (file != null) {
      return file + ": " + reason;
    }
    if (line > 0) {
      return "line " + line + ": " + reason;
    }
    return reason;
  }

  /** The file as given to the reader, or null. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the error is not tied to a line. */
  public int line() {
    return line;
  }

  /** The field at fault, or null; see the constructor. */
  public String field() {
    return field;
  }

  /** The message without the location prefix. */
  public String reason() {
    return reason;
  }
}
