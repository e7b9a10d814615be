package dev.linr.serving.ingest;

import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import dev.linr.serving.updates.IndexStatus;
import dev.linr.serving.updates.IngestStatus;
import dev.linr.serving.updates.ItemUpdates;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a Kafka change stream to one served index: a consumer on its own thread, named {@code
 * linr-ingest-<model>}, reads every partition of the topic (assigned by hand: no consumer group, no
 * committed offsets; the positions live with the index) and applies the records in order, as update
 * batches of consecutive records of one kind (see {@link ChangeBatch}).
 *
 * <p>Records (see {@link ChangeRecord}): the key is the item id as UTF-8 text (decimal for integer
 * ids); a value is one item in the build's JSON item format and upserts it; a null value (a
 * tombstone) deletes the id (an id not in the index is no error). A record with a bad key, a value
 * whose id disagrees with the key, or a bad item is refused: counted, logged with its topic,
 * partition and offset, and skipped; the stream goes on.
 *
 * <p>Positions: each batch passes the positions it advances (source {@code <topic>-<partition>} to
 * the next offset) to {@link ItemUpdates#upsert(List, Map)} and {@link ItemUpdates#delete(List,
 * Map)}; a durable index logs them with the batch. On start each partition is read from the
 * position {@link ItemUpdates#positions()} holds for it, else from the earliest offset: a durable
 * index resumes right after the last batch it applied (no record skipped or applied twice), an
 * in-memory index reads the whole topic again. Transactional records are read committed.
 *
 * <p>An update that fails (a durable index that cannot write its log) stops the consumer: {@link
 * #status()} is {@code failed} with the error. Until the topic exists the consumer waits for it
 * ({@code starting}); partitions added to the topic later are not read until the next start.
 *
 * <p>Thread-safe. {@link #close()} stops the consumer and joins its thread, waiting for a batch
 * being applied (the thread is never interrupted). It does not own the index.
 */
public final class KafkaIngestor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestor.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long RETRY_MILLIS = 1000;

  private final String model;
  private final String topic;
  private final ItemUpdates updates;
  private final IdType idType;
  private final Properties properties;
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  // Guarded by this.
  private String state = "starting";
  private final Map<Integer, long[]> partitions = new TreeMap<>();
  private long applied;
  private long refused;
  private String lastError;

  private KafkaIngestor(
      String model,
      String topic,
      String bootstrapServers,
      int maxPollRecords,
      ItemUpdates updates) {
    this.model = model;
    this.topic = topic;
    this.updates = updates;
    this.idType = updates.idType();
    this.properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "linr-ingest-" + model);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    this.thread = new Thread(this::run, "linr-ingest-" + model);
    thread.setDaemon(true);
  }

  /**
   * Starts reading {@code topic} into {@code updates}.
   *
   * @param model the index model's name (names the thread and the Kafka client)
   * @param topic the topic
   * @param bootstrapServers {@code host:port} of the brokers, separated by commas
   * @param maxPollRecords the most records read at once ({@code >= 1})
   * @param updates the index's updates; not closed by this class
   */
  public static KafkaIngestor start(
      String model,
      String topic,
      String bootstrapServers,
      int maxPollRecords,
      ItemUpdates updates) {
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException("maxPollRecords must be >= 1, got: " + maxPollRecords);
    }
    KafkaIngestor ingestor =
        new KafkaIngestor(
            Objects.requireNonNull(model, "model"),
            Objects.requireNonNull(topic, "topic"),
            Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
            maxPollRecords,
            Objects.requireNonNull(updates, "updates"));
    ingestor.thread.start();
    return ingestor;
  }

  /** The topic read. */
  public String topic() {
    return topic;
  }

  /** The consumer's state now. */
  public synchronized IngestStatus status() {
    List<IngestStatus.Partition> list = new ArrayList<>();
    partitions.forEach((p, o) -> list.add(new IngestStatus.Partition(p, o[0], o[1])));
    return new IngestStatus(topic, state, list, applied, refused, lastError);
  }

  /**
   * The index's updates as the update routes see them: {@code updates} itself, except that {@link
   * ItemUpdates#status()} includes this consumer's state.
   */
  public ItemUpdates updates() {
    return new WithStatus();
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties)) {
      consumer = c;
      if (stopping.getCount() == 0) {
        return;
      }
      List<TopicPartition> assigned = awaitPartitions(c);
      if (assigned == null) {
        return;
      }
      c.assign(assigned);
      Map<String, Long> stored = updates.positions();
      for (TopicPartition tp : assigned) {
        Long position = stored.get(tp.toString());
        if (position != null) {
          c.seek(tp, position);
        } else {
          c.seekToBeginning(List.of(tp));
        }
      }
      if (!resolveStarts(c, assigned)) {
        return;
      }
      LOG.info("index model {} reads topic {} from {}", model, topic, status().partitions());
      while (stopping.getCount() > 0) {
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
        if (!records.isEmpty()) {
          apply(records);
        }
      }
    } catch (WakeupException e) {
      // Closing.
    } catch (IOException | RuntimeException e) {
      if (stopping.getCount() > 0) {
        LOG.error("change stream {} of index model {} stopped: {}", topic, model, e.toString());
        synchronized (this) {
          state = "failed";
          lastError = e.toString();
        }
        return;
      }
    } finally {
      consumer = null;
      synchronized (this) {
        if (!state.equals("failed")) {
          state = "stopped";
        }
      }
    }
  }

  /** The topic's partitions, waiting until it exists; null when closing. */
  private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> c) {
    boolean warned = false;
    while (stopping.getCount() > 0) {
      try {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofMillis(RETRY_MILLIS));
        if (infos != null && !infos.isEmpty()) {
          List<TopicPartition> out = new ArrayList<>();
          for (PartitionInfo i : infos) {
            out.add(new TopicPartition(topic, i.partition()));
          }
          out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
          return out;
        }
      } catch (TimeoutException e) {
        // The brokers do not answer yet: try again.
      }
      if (!warned) {
        LOG.warn("index model {} waits for topic {}", model, topic);
        warned = true;
      }
      if (pause()) {
        return null;
      }
    }
    return null;
  }

  /** Records each partition's starting offset; false when closing. */
  private boolean resolveStarts(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> assigned) {
    for (TopicPartition tp : assigned) {
      while (true) {
        try {
          long start = c.position(tp, Duration.ofMillis(RETRY_MILLIS));
          synchronized (this) {
            partitions.put(tp.partition(), new long[] {start, start});
          }
          break;
        } catch (TimeoutException e) {
          if (pause()) {
            return false;
          }
        }
      }
    }
    synchronized (this) {
      state = "running";
    }
    return true;
  }

  /** Waits before a retry; true when closing. */
  private boolean pause() {
    try {
      return stopping.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void apply(ConsumerRecords<byte[], byte[]> records) throws IOException {
    ChangeBatch batch = new ChangeBatch(updates.status().free());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String source = new TopicPartition(r.topic(), r.partition()).toString();
      ChangeRecord change = ChangeRecord.read(r.key(), r.value(), idType);
      if (!batch.accepts(change)) {
        flush(batch);
        batch = new ChangeBatch(updates.status().free());
      }
      batch.add(change, source, r.offset() + 1);
    }
    if (!batch.isEmpty()) {
      flush(batch);
    }
  }

  /**
   * Applies a batch, then logs its refused records in stream order and counts them, its applied
   * records and its positions at once (so a status is never between the two).
   */
  private void flush(ChangeBatch batch) throws IOException {
    int entries;
    List<ChangeBatch.Refusal> refusals = new ArrayList<>(batch.refusals());
    if (batch.deletes()) {
      // An id not in the index is no error for a stream: the delete is applied.
      updates.delete(batch.ids(), batch.positions());
      entries = batch.ids().size();
    } else {
      UpdateResult r = updates.upsert(batch.lines(), batch.positions());
      entries = batch.lines().size();
      for (UpdateResult.ItemError e : r.errors()) {
        refusals.add(
            new ChangeBatch.Refusal(
                batch.origins().get(e.index()),
                (e.field() == null ? "" : e.field() + ": ") + e.message()));
      }
    }
    refusals.sort(
        Comparator.comparing((ChangeBatch.Refusal f) -> f.origin().source())
            .thenComparingLong(f -> f.origin().offset()));
    String last = null;
    for (ChangeBatch.Refusal f : refusals) {
      last =
          "record " + f.origin().source() + "@" + f.origin().offset() + " refused: " + f.reason();
      LOG.warn("index model {}: {}", model, last);
    }
    synchronized (this) {
      refused += refusals.size();
      applied += entries - (refusals.size() - batch.refusals().size());
      if (last != null) {
        lastError = last;
      }
      for (Map.Entry<String, Long> p : batch.positions().entrySet()) {
        int partition = Integer.parseInt(p.getKey().substring(p.getKey().lastIndexOf('-') + 1));
        long[] offsets = partitions.get(partition);
        if (offsets != null) {
          offsets[1] = p.getValue();
        }
      }
    }
  }

  /** Stops the consumer and waits for its thread to end. */
  @Override
  public void close() {
    stopping.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The index's updates, with this consumer's state in their status. */
  private final class WithStatus implements ItemUpdates {
    @Override
    public UpdateResult upsert(List<String> items) throws IOException {
      return updates.upsert(items);
    }

    @Override
    public UpdateResult delete(List<?> ids) throws IOException {
      return updates.delete(ids);
    }

    @Override
    public UpdateResult upsert(List<String> items, Map<String, Long> positions) throws IOException {
      return updates.upsert(items, positions);
    }

    @Override
    public UpdateResult delete(List<?> ids, Map<String, Long> positions) throws IOException {
      return updates.delete(ids, positions);
    }

    @Override
    public Map<String, Long> positions() {
      return updates.positions();
    }

    @Override
    public IdType idType() {
      return updates.idType();
    }

    @Override
    public IndexStatus status() {
      return updates.status().withIngest(KafkaIngestor.this.status());
    }
  }
}
