package dev.linr.index;

import java.nio.ByteBuffer;

/**
 * A tensor buffer mapped in parts of whole rows ({@link IndexBuffers#mapRows}). Immutable;
 * thread-safe, since reads use absolute positions on read-only mappings.
 */
public final class MappedRows {
  private final long rows;
  private final long rowBytes;
  private final long rowsPerPart;
  private final ByteBuffer[] parts;

  MappedRows(long rows, long rowBytes, long rowsPerPart, ByteBuffer[] parts) {
    this.rows = rows;
    this.rowBytes = rowBytes;
    this.rowsPerPart = rowsPerPart;
    this.parts = parts;
  }

  /** The number of rows. */
  public long rows() {
    return rows;
  }

  /** Bytes per row. */
  public long rowBytes() {
    return rowBytes;
  }

  /**
   * The mapped part that holds {@code row}; read the row from {@link #offset(long)} on with
   * absolute gets, never by moving the buffer's position.
   *
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, rows())}
   */
  public ByteBuffer part(long row) {
    check(row);
    return parts[(int) (row / rowsPerPart)];
  }

  /** Where {@code row} starts in its {@link #part(long)}. */
  public int offset(long row) {
    check(row);
    return (int) ((row % rowsPerPart) * rowBytes);
  }

  private void check(long row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + rows + ")");
    }
  }
}
