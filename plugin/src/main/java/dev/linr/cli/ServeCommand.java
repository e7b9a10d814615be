package dev.linr.cli;

import com.google.gson.JsonObject;
import dev.linr.demo.DemoIndex;
import dev.linr.serving.LinrServer;
import dev.linr.serving.config.LoadModels;
import dev.linr.serving.config.ServerAddress;
import dev.linr.serving.config.ServerConfig;
import dev.linr.serving.wlm.ModelVersion;
import dev.linr.serving.workflow.Workflow;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linr serve}: DJL Serving's HTTP API over index archives and ranking models. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves models over DJL Serving's HTTP API (inference and management).",
      "With neither --config nor --model-store, serves the demo built once into ~/.cache/linr: the"
          + " posts index, a ranker, the feed workflow (retrieval, then ranking) and feed_fused (the"
          + " same in one model).",
      "Stops gracefully on Ctrl-C / SIGTERM: running requests finish first."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "config.properties (see conf/config.properties); SERVING_* variables override it.")
  Path config;

  @Option(
      names = "--model-store",
      paramLabel = "DIR",
      description = "Folder of model archives and workflow .json files, all loaded at start-up.")
  Path modelStore;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "Port of the inference address (and of management when they are equal); 0 = any.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (port != null && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got: " + port);
    }
    if (config != null && !Files.isRegularFile(config)) {
      throw new IllegalArgumentException("--config " + config + " is not a file");
    }
    Map<String, String> env = System.getenv();
    ServerConfig file = ServerConfig.read(config, env);
    ServerConfig.Builder b = file.toBuilder();
    boolean demo =
        config == null
            && modelStore == null
            && file.modelStore() == null
            && file.loadModels().kind() == LoadModels.Kind.ALL;
    if (modelStore != null) {
      b.optModelStore(modelStore);
    }
    if (demo) {
      b.optModelStore(DemoStore.prepare(env, out));
    }
    if (port != null) {
      b.optPort(port);
    }
    LinrServer server = LinrServer.start(b.build());
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "linr-shutdown"));
    describe(server, demo, out);
    server.awaitStopped();
    return 0;
  }

  private static void describe(LinrServer server, boolean demo, PrintStream out) {
    ServerAddress inference = server.inferenceAddress();
    ServerAddress management = server.managementAddress();
    if (inference.equals(management)) {
      out.println("linr serving on " + inference.url() + " (inference and management)");
    } else {
      out.println("linr serving inference on " + inference.url());
      out.println("             management on " + management.url());
    }
    TreeSet<String> names = new TreeSet<>();
    for (ModelVersion v : server.models().list()) {
      names.add(v.name());
    }
    for (Workflow w : server.workflows().list()) {
      names.add(w.name());
    }
    out.println("models and workflows: " + (names.isEmpty() ? "none" : String.join(", ", names)));
    if (!server.models().healthy()) {
      out.println("some models failed to load; see " + inference.url() + "/ping");
    }
    out.println("try:");
    out.println("  curl -s " + inference.url() + "/ping");
    if (demo) {
      float[] vector = DemoStore.corpus().queryNear(3, 1);
      out.println("  # the 5 nearest posts:");
      out.println(curlPost(inference, DemoIndex.NAME, DemoIndex.query(vector, 5, false)));
      JsonObject feed = DemoIndex.query(vector, 100, false);
      feed.addProperty("n", 5);
      out.println(
          "  # the 100 nearest posts ranked by the ranker, best 5 (workflow, then one model):");
      out.println(curlPost(inference, DemoStore.WORKFLOW, feed));
      out.println(curlPost(inference, DemoStore.FUSED, feed));
    }
    out.println("  curl -s " + management.url() + "/models");
    out.println("stop with Ctrl-C");
    out.flush();
  }

  /** A ready-to-paste request: the body holds no single quote, so it is quoted as a whole. */
  private static String curlPost(ServerAddress inference, String model, JsonObject body) {
    return "  curl -s -X POST "
        + inference.url()
        + "/predictions/"
        + model
        + " -H 'Content-Type: application/json' -d '"
        + body
        + "'";
  }
}
