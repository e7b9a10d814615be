package dev.linr.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code torch_peer.py} with Debian's stock PyTorch on the same archive. */
final class TorchPeer {
  static final String PYTHON = "/usr/bin/python3";

  private TorchPeer() {}

  /**
   * Writes queries as the peer reads them: little-endian float32, row after row; returns {@code
   * file}.
   */
  static Path writeQueries(float[][] queries, Path file) throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(queries.length * queries[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] q : queries) {
      for (float v : q) {
        b.putFloat(v);
      }
    }
    Files.write(file, b.array());
    return file;
  }

  /**
   * The peer's timings (median B=1 and B=32 ms), {@code first_slots} (the unfiltered top k of the
   * first query) and {@code head_slots} (of the first up to 8 queries, in one forward pass), or
   * null (with a note on stderr) when stock PyTorch is not installed.
   */
  static JsonObject run(Path model, Path queries, int dim, int k, int repeats)
      throws IOException, InterruptedException {
    return run(model, queries, dim, k, repeats, null);
  }

  /**
   * As {@link #run(Path, Path, int, int, int)}, and with {@code filters} (a JSON list of compiled
   * filter programs, each {@code {"ops", "ints", "float_bits"}} for the first 8 queries; null for
   * none) also {@code filtered_head_slots}: per program, the first 8 queries' filtered top k.
   */
  static JsonObject run(Path model, Path queries, int dim, int k, int repeats, Path filters)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("torch_peer", ".py");
    try (InputStream in = TorchPeer.class.getResourceAsStream("torch_peer.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  PYTHON,
                  script.toString(),
                  model.toString(),
                  queries.toString(),
                  Integer.toString(dim),
                  Integer.toString(k),
                  "2",
                  Integer.toString(repeats)));
      if (filters != null) {
        command.add(filters.toString());
      }
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
