package dev.linr.e2e.live;

import dev.linr.serving.updates.KafkaSettings;
import dev.linr.serving.updates.UpdateSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The server {@link KafkaRestartTest} kills: serves one durable index model that reads a Kafka
 * change stream, prints {@code url <inference address>} once the model is registered, and runs
 * until it is killed (a SIGTERM stops it cleanly).
 *
 * <p>Arguments: archive, index_data_dir, model name, kafka_bootstrap_servers, kafka_topic_prefix,
 * kafka_max_poll_records, snapshot_every_updates.
 */
public final class KafkaServerMain {
  private KafkaServerMain() {}

  public static void main(String[] args) throws Exception {
    UpdateSettings settings =
        new UpdateSettings(Path.of(args[1]), 0, 0, Integer.parseInt(args[6]))
            .withKafka(new KafkaSettings(args[3], args[4], Integer.parseInt(args[5])));
    LiveServer server = LiveServer.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kafka-server-main-stop"));
    server.register(args[2], Path.of(args[0]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("url " + server.url());
    new CountDownLatch(1).await();
  }
}
