package dev.linr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.translate.CompiledFilters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the stock PyTorch peers ({@code torch_peer.py}, {@code fused_peer.py}, {@code rank_peer.py})
 * share: the interpreter, the {@code import torch} probe, starting a peer script from the test
 * resources on a request file, and the filter program as the scripts read it. Thread-safe.
 */
public final class PythonTorch {
  /** The interpreter the peers run with. */
  public static final String PYTHON = "/usr/bin/python3";

  private static CompletableFuture<Boolean> probe;

  private PythonTorch() {}

  /**
   * Starts the {@code import torch} probe in the background, so that it overlaps with building
   * archives; {@link #assumeAvailable()} waits for it. The probe runs once per JVM.
   */
  public static synchronized void startProbe() {
    if (probe == null) {
      probe = CompletableFuture.supplyAsync(PythonTorch::probe);
    }
  }

  /** Skips the calling test unless {@code python3 -c 'import torch'} works. */
  public static void assumeAvailable() {
    startProbe();
    Assumptions.assumeTrue(probe.join(), PYTHON + " cannot import torch; skipping the cross-check");
  }

  private static boolean probe() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import torch")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A started peer script: its process, the file its stdout goes to and its stderr log. */
  public record Started(Process process, Path responseFile, Path log) {}

  /**
   * Copies the script {@code script} found beside {@code owner} in the test resources into {@code
   * dir}, writes {@code request} to {@code <prefix>-request.json} and starts the script on it, its
   * stdout going to {@code <prefix>-response.json} and its stderr to {@code <prefix>.log}, all in
   * {@code dir}. The caller waits for the process and owns it.
   */
  public static Started start(
      Class<?> owner, String script, Path dir, String prefix, String request) throws IOException {
    Path scriptFile = dir.resolve(script);
    try (InputStream in = owner.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException(script + " is missing from the test classpath");
      }
      Files.copy(in, scriptFile, StandardCopyOption.REPLACE_EXISTING);
    }
    Path requestFile = dir.resolve(prefix + "-request.json");
    Path responseFile = dir.resolve(prefix + "-response.json");
    Path log = dir.resolve(prefix + ".log");
    Files.writeString(requestFile, request, StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(PYTHON, scriptFile.toString(), requestFile.toString())
            .redirectOutput(responseFile.toFile())
            .redirectError(log.toFile());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    return new Started(pb.start(), responseFile, log);
  }

  /**
   * A compiled filter program as the peer scripts read it: {@code ops} and {@code ints} as
   * integers, {@code float_bits} as the floats' raw bit patterns, so nothing is rounded.
   */
  public static JsonObject filterJson(CompiledFilters filters) {
    JsonObject f = new JsonObject();
    JsonArray ops = new JsonArray();
    for (long x : filters.ops()) {
      ops.add(x);
    }
    JsonArray ints = new JsonArray();
    for (long x : filters.ints()) {
      ints.add(x);
    }
    JsonArray floatBits = new JsonArray();
    for (double x : filters.floats()) {
      floatBits.add(Double.doubleToRawLongBits(x));
    }
    f.add("ops", ops);
    f.add("ints", ints);
    f.add("float_bits", floatBits);
    return f;
  }
}
