/**
 * Change streams of served index models: {@link dev.linr.serving.ingest.KafkaIngestor} reads a
 * Kafka topic of upsert and delete records keyed by item id ({@link
 * dev.linr.serving.ingest.ChangeRecord}) and applies them to the index's {@link
 * dev.linr.serving.updates.ItemUpdates}, resuming a durable index from the stream positions logged
 * with its updates.
 */
package dev.linr.serving.ingest;
