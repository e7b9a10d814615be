/**
 * Item updates of served index models: {@link dev.linr.serving.updates.ItemUpdates} is what the
 * update routes change and report on; {@link dev.linr.serving.updates.LiveIndexUpdates} applies the
 * updates in memory through {@link dev.linr.runtime.LiveIndex}. A durable implementation (a log and
 * snapshots) provides the same interface. {@link dev.linr.serving.updates.KafkaSettings} names the
 * Kafka change stream each index model reads ({@code dev.linr.serving.ingest}), and {@link
 * dev.linr.serving.updates.IngestStatus} is its state in an index's status.
 */
package dev.linr.serving.updates;
