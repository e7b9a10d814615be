package dev.linr.serving.updates;

/**
 * The state of an index under updates, at one moment.
 *
 * @param items items in the index (expired items count until their slots are freed)
 * @param capacity the most items the index holds
 * @param free slots free for new items ({@code capacity - items})
 * @param hwm the high-water mark: one past the highest slot ever used
 * @param growths how often the index grew its capacity since it was opened
 * @param logPosition the position of the last update in the write-ahead log, or null when updates
 *     are not logged (in memory only)
 * @param lastSnapshot the last snapshot written (its time, ISO-8601), or null when there is none
 * @param ingest the state of the index's change stream consumer, or null when it reads none
 */
public record IndexStatus(
    long items,
    long capacity,
    long free,
    long hwm,
    int growths,
    Long logPosition,
    String lastSnapshot,
    IngestStatus ingest) {
  /** A status without a change stream. */
  public IndexStatus(
      long items,
      long capacity,
      long free,
      long hwm,
      int growths,
      Long logPosition,
      String lastSnapshot) {
    this(items, capacity, free, hwm, growths, logPosition, lastSnapshot, null);
  }

  /** This status with the state of a change stream consumer. */
  public IndexStatus withIngest(IngestStatus ingest) {
    return new IndexStatus(items, capacity, free, hwm, growths, logPosition, lastSnapshot, ingest);
  }

  public IndexStatus {
    if (items < 0 || capacity < 0 || free < 0 || hwm < 0 || growths < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, got: items "
              + items
              + ", capacity "
              + capacity
              + ", free "
              + free
              + ", hwm "
              + hwm
              + ", growths "
              + growths);
    }
  }
}
