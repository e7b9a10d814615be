package dev.linr.serving.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consecutive change records of one kind, applied as one update batch: upserts or deletes, each id
 * at most once (a record of the other kind, or an id already in the batch, starts the next batch,
 * so records apply in stream order), at most {@code room} upserts (each upsert takes a free slot
 * until its batch is applied, even one that replaces an item, so a batch never runs out of slots
 * that records applied one at a time would have), and the stream positions the batch advances,
 * refused records included. Not thread-safe.
 */
final class ChangeBatch {
  /** Where an entry came from, to name it in logs. */
  record Origin(String source, long offset) {}

  /** A record refused before it reached the index, and why. */
  record Refusal(Origin origin, String reason) {}

  private Boolean upserts;
  private final List<String> lines = new ArrayList<>();
  private final List<Object> ids = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final Set<Object> seen = new HashSet<>();
  private final Map<String, Long> positions = new LinkedHashMap<>();
  private final long room;

  /**
   * @param room the most upserts the batch takes (the index's free slots; at least 1)
   */
  ChangeBatch(long room) {
    this.room = Math.max(1, room);
  }

  /** Whether {@code record} (an upsert or a delete) can join this batch. */
  boolean accepts(ChangeRecord record) {
    Object id;
    boolean upsert;
    if (record instanceof ChangeRecord.Upsert u) {
      id = u.id();
      upsert = true;
    } else if (record instanceof ChangeRecord.Delete d) {
      id = d.id();
      upsert = false;
    } else {
      return true;
    }
    return (upserts == null || upserts == upsert)
        && !seen.contains(id)
        && !(upsert && lines.size() >= room);
  }

  /**
   * Adds a record that {@link #accepts} it; a refused record only advances the positions.
   *
   * @param next the offset after the record in {@code source}
   */
  void add(ChangeRecord record, String source, long next) {
    if (record instanceof ChangeRecord.Upsert u) {
      upserts = true;
      seen.add(u.id());
      lines.add(u.line());
      origins.add(new Origin(source, next - 1));
    } else if (record instanceof ChangeRecord.Delete d) {
      upserts = false;
      seen.add(d.id());
      ids.add(d.id());
      origins.add(new Origin(source, next - 1));
    } else if (record instanceof ChangeRecord.Refused r) {
      refusals.add(new Refusal(new Origin(source, next - 1), r.reason()));
    }
    positions.put(source, next);
  }

  /** Whether the batch holds nothing, not even a position. */
  boolean isEmpty() {
    return positions.isEmpty();
  }

  /** Whether it is a delete batch (else an upsert batch, possibly of no items). */
  boolean deletes() {
    return Boolean.FALSE.equals(upserts);
  }

  List<String> lines() {
    return lines;
  }

  List<Object> ids() {
    return ids;
  }

  /** The origin of each entry, in batch order. */
  List<Origin> origins() {
    return origins;
  }

  /** The records refused before they reached the index, in stream order. */
  List<Refusal> refusals() {
    return refusals;
  }

  /** The source positions (source name to next offset) the batch advances. */
  Map<String, Long> positions() {
    return positions;
  }
}
