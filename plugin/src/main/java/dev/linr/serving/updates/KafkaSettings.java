package dev.linr.serving.updates;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where served index models read their Kafka change stream. Immutable.
 *
 * @param bootstrapServers the brokers to contact, {@code host:port} separated by commas; empty for
 *     no change stream (the default)
 * @param topicPrefix the topic of index model {@code m} is {@code <topicPrefix>m} (default {@value
 *     #DEFAULT_TOPIC_PREFIX})
 * @param maxPollRecords the most records read at once (default {@value #DEFAULT_MAX_POLL_RECORDS});
 *     the records of one read are applied as one update batch per run of records of one kind
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int maxPollRecords) {
  public static final String DEFAULT_TOPIC_PREFIX = "linr-items-";
  public static final int DEFAULT_MAX_POLL_RECORDS = 500;

  // Before OFF: its construction checks against them.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,200}");
  private static final Pattern SERVERS =
      Pattern.compile("[^\\s,:]+:\\d{1,5}(\\s*,\\s*[^\\s,:]+:\\d{1,5})*");

  /** No change stream. */
  public static final KafkaSettings OFF =
      new KafkaSettings("", DEFAULT_TOPIC_PREFIX, DEFAULT_MAX_POLL_RECORDS);

  /** Settings reading {@value #DEFAULT_MAX_POLL_RECORDS} records at most at once. */
  public KafkaSettings(String bootstrapServers, String topicPrefix) {
    this(bootstrapServers, topicPrefix, DEFAULT_MAX_POLL_RECORDS);
  }

  /** These settings with another {@code maxPollRecords}. */
  public KafkaSettings withMaxPollRecords(int maxPollRecords) {
    return new KafkaSettings(bootstrapServers, topicPrefix, maxPollRecords);
  }

  public KafkaSettings {
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException(
          "kafka_max_poll_records must be >= 1, got: " + maxPollRecords);
    }
    bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers").trim();
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    if (!bootstrapServers.isEmpty() && !SERVERS.matcher(bootstrapServers).matches()) {
      throw new IllegalArgumentException(
          "kafka_bootstrap_servers must be host:port separated by commas, got: "
              + bootstrapServers);
    }
    if (!PREFIX.matcher(topicPrefix).matches()) {
      throw new IllegalArgumentException(
          "kafka_topic_prefix may hold only letters, digits, '.', '_' and '-' (at most 200), got: "
              + topicPrefix);
    }
  }

  /** Whether index models read a change stream. */
  public boolean enabled() {
    return !bootstrapServers.isEmpty();
  }

  /**
   * The topic of an index model.
   *
   * @throws IllegalArgumentException if the model name makes no legal topic name
   */
  public String topic(String model) {
    String topic = topicPrefix + model;
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "model name "
              + model
              + " makes no Kafka topic name ("
              + topic
              + "): topics hold only letters, digits, '.', '_' and '-'");
    }
    return topic;
  }
}
