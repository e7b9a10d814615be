package dev.linr.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code torch_peer.py} with Debian's stock PyTorch on the same archive. */
final class TorchPeer {
  static final String PYTHON = "/usr/bin/python3";

  private TorchPeer() {}

  /** The peer's timings, or null (with a note on stderr) when stock PyTorch is not installed. */
  static JsonObject run(Path model, Path queries, int dim, int k, int repeats)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("torch_peer", ".py");
    try (InputStream in = TorchPeer.class.getResourceAsStream("torch_peer.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      Process p =
          new ProcessBuilder(
                  List.of(
                      PYTHON,
                      script.toString(),
                      model.toString(),
                      queries.toString(),
                      Integer.toString(dim),
                      Integer.toString(k),
                      "2",
                      Integer.toString(repeats)))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        System.err.println("stock PyTorch peer failed or is not installed; skipping it");
        return null;
      }
      return JsonParser.parseString(stdout.trim()).getAsJsonObject();
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
