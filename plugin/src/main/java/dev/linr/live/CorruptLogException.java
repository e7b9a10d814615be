package dev.linr.live;

import java.io.IOException;

/**
 * A log record before the log's tail fails its length or CRC-32C check, or sequence numbers have a
 * gap: the log cannot be replayed safely. A torn last record (a crash mid-write) is not an error;
 * recovery truncates it.
 */
public final class CorruptLogException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptLogException(String message) {
    super(message);
  }
}
