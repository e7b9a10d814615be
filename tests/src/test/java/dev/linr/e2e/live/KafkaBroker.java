package dev.linr.e2e.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Apache Kafka broker for tests: a single-node KRaft cluster (combined broker and
 * controller, Kafka's own server classes from Maven Central) in a child JVM, on free local ports,
 * with its log folder under a given folder (formatted by Kafka's storage tool). {@link #start}
 * returns once an admin client sees the broker; {@link #close} kills the process. Also produces
 * records and reads end offsets. Not thread-safe.
 */
final class KafkaBroker implements AutoCloseable {
  private static final long READY_NANOS = 90_000_000_000L;

  private final Process process;
  private final Path output;
  private final String bootstrap;
  private final Admin admin;
  private final KafkaProducer<String, String> producer;

  /** Clients of a broker that listens on {@code bootstrap}. */
  private KafkaBroker(Process process, Path output, String bootstrap) {
    this.process = process;
    this.output = output;
    this.bootstrap = bootstrap;
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(a);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    this.producer = new KafkaProducer<>(p);
  }

  /** Starts a broker with its files under {@code dir}. */
  static KafkaBroker start(Path dir) throws IOException {
    int port = freePort();
    int controller = freePort();
    Path logs = dir.resolve("kafka-logs");
    Path config = dir.resolve("server.properties");
    Files.createDirectories(logs);
    String host = "127.0.0.1";
    Files.writeString(
        config,
        String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controller,
                "listeners=PLAINTEXT://"
                    + host
                    + ":"
                    + port
                    + ",CONTROLLER://"
                    + host
                    + ":"
                    + controller,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=1",
                "num.io.threads=2",
                "background.threads=2",
                "")
            + "\n",
        StandardCharsets.UTF_8);
    Path output = dir.resolve("kafka.out");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            KafkaBrokerMain.class.getName(),
            config.toString(),
            Uuid.randomUuid().toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(output.toFile());
    Process process = pb.start();
    try {
      awaitListening(process, output, port);
      KafkaBroker broker = new KafkaBroker(process, output, host + ":" + port);
      try {
        broker.awaitReady();
        return broker;
      } catch (IOException | RuntimeException e) {
        broker.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  /** Waits until the broker's port takes connections, so clients never see it absent. */
  private static void awaitListening(Process process, Path output, int port) throws IOException {
    long deadline = System.nanoTime() + READY_NANOS;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited: " + read(output));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        // Not listening yet.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the Kafka broker does not listen after 90 s: " + read(output));
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_NANOS;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited: " + log());
      }
      try {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // Not up yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Kafka broker is not ready after 90 s: " + log());
      }
    }
  }

  /** What the broker printed. */
  String log() throws IOException {
    return read(output);
  }

  private static String read(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }

  /** {@code host:port} of the broker. */
  String bootstrapServers() {
    return bootstrap;
  }

  /** Creates a topic with {@code partitions} partitions. */
  void createTopic(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
  }

  /**
   * Sends records (key, value; a null value is a tombstone) to partition {@code partition} in order
   * and waits until the broker has them all.
   */
  void send(String topic, int partition, List<Map.Entry<String, String>> records) throws Exception {
    List<Future<?>> sent = new ArrayList<>();
    for (Map.Entry<String, String> r : records) {
      sent.add(producer.send(new ProducerRecord<>(topic, partition, r.getKey(), r.getValue())));
    }
    producer.flush();
    for (Future<?> f : sent) {
      f.get();
    }
  }

  /** The end offset (the next offset to be written) of each partition of {@code topic}. */
  Map<Integer, Long> endOffsets(String topic, int partitions) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(topic, p));
      }
      Map<Integer, Long> out = new TreeMap<>();
      consumer.endOffsets(tps).forEach((tp, o) -> out.put(tp.partition(), o));
      return out;
    }
  }

  @Override
  public void close() {
    try {
      producer.close();
      admin.close();
    } finally {
      stop(process);
    }
  }

  private static void stop(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the Kafka broker", e);
    }
  }
}
