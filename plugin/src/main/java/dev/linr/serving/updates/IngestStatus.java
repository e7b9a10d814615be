package dev.linr.serving.updates;

import java.util.List;
import java.util.Objects;

/**
 * The state of an index's change stream consumer, at one moment.
 *
 * @param topic the topic read
 * @param state {@code starting} (looking up the topic's partitions), {@code running}, {@code
 *     failed} (an update could not be applied, see {@code lastError}; the consumer stopped) or
 *     {@code stopped}
 * @param partitions each partition read, by number
 * @param applied records applied since the consumer started (upserts and deletes, deletes of ids
 *     not in the index included)
 * @param refused records refused since the consumer started (a bad key or item; each is logged)
 * @param lastError the last refusal or failure, or null
 */
public record IngestStatus(
    String topic,
    String state,
    List<Partition> partitions,
    long applied,
    long refused,
    String lastError) {
  public IngestStatus {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(state, "state");
    partitions = List.copyOf(partitions);
  }

  /**
   * One partition.
   *
   * @param partition its number
   * @param startOffset the offset reading began at (the stored position, or the earliest offset
   *     when none was stored)
   * @param nextOffset the offset of the next record to apply
   */
  public record Partition(int partition, long startOffset, long nextOffset) {}
}
