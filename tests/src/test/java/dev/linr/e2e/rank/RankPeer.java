package dev.linr.e2e.rank;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.e2e.PythonTorch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Scores feature rows with a TorchScript ranker in stock PyTorch ({@code /usr/bin/python3}, {@code
 * torch.jit.load}) through the {@code rank_peer.py} script beside this class. Floats cross as bit
 * patterns. Skips the calling test (a JUnit assumption) where Python or torch is missing.
 */
final class RankPeer {
  private static final String SCRIPT = "rank_peer.py";
  private static final int NO_TORCH = 3;

  private RankPeer() {}

  /** The scores of {@code rows} rows of {@code features} by {@code model} (a {@code .pt} file). */
  static float[] score(Path model, float[] features, int rows, Path workDir)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(PythonTorch.PYTHON)), PythonTorch.PYTHON + " is not installed");
    JsonObject request = new JsonObject();
    request.addProperty("model", model.toAbsolutePath().toString());
    request.addProperty("rows", rows);
    request.addProperty("width", features.length / rows);
    JsonArray bits = new JsonArray(features.length);
    for (float f : features) {
      bits.add(Float.floatToRawIntBits(f));
    }
    request.add("features", bits);
    PythonTorch.Started started =
        PythonTorch.start(RankPeer.class, SCRIPT, workDir, "rank-peer", request.toString());
    Process p = started.process();
    Path responseFile = started.responseFile();
    Path log = started.log();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("rank_peer.py ran longer than 300 s");
    }
    String stderr = Files.readString(log, StandardCharsets.UTF_8);
    Assumptions.assumeTrue(p.exitValue() != NO_TORCH, PythonTorch.PYTHON + " cannot import torch");
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "rank_peer.py failed with exit code " + p.exitValue() + ":\n" + stderr);
    }
    JsonObject response =
        JsonParser.parseString(Files.readString(responseFile, StandardCharsets.UTF_8))
            .getAsJsonObject();
    JsonArray scores = response.getAsJsonArray("scores");
    float[] out = new float[scores.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat(scores.get(i).getAsInt());
    }
    return out;
  }
}
