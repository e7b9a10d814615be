package dev.linr.live;

/**
 * One record of a {@link WriteAheadLog}: its sequence number and payload.
 *
 * @param sequence the record's position in the log (1, 2, 3, ... with no gaps)
 * @param payload the bytes appended (not copied: callers must not change them)
 */
public record LogRecord(long sequence, byte[] payload) {}
