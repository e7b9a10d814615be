package dev.linr.e2e.live;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process {@link KafkaBroker} starts: formats the log folder with Kafka's own storage tool,
 * then runs a single-node KRaft broker (combined broker and controller) until it is killed.
 *
 * <p>Arguments: the broker's {@code server.properties} file, the cluster id.
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int rc =
        kafka.tools.StorageTool.execute(
            new String[] {"format", "--ignore-formatted", "-t", args[1], "-c", args[0]}, out);
    if (rc != 0) {
      out.println("format failed: " + rc);
      System.exit(rc);
    }
    kafka.Kafka.main(new String[] {args[0]});
  }
}
