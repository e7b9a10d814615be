package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs scripts with the system's {@code /usr/bin/python3}, the reference implementation. */
final class Python {
  private static final String PYTHON = "/usr/bin/python3";
  private static Boolean torchAvailable;

  private Python() {}

  /** Skips the calling test unless {@code import torch} works. */
  static synchronized void assumeTorch() {
    if (torchAvailable == null) {
      torchAvailable = works("import torch");
    }
    Assumptions.assumeTrue(torchAvailable, "PyTorch not importable by " + PYTHON);
  }

  /** Skips the calling test unless Python runs at all. */
  static void assumePython() {
    Assumptions.assumeTrue(works("pass"), PYTHON + " not available");
  }

  /** Runs {@code script} with {@code args}, asserts it succeeds and returns its standard output. */
  static String run(String script, String... args) throws IOException, InterruptedException {
    Result r = exec(script, args);
    assertEquals(0, r.exitCode, () -> "python failed:\n" + r.stderr + "\nscript:\n" + script);
    return r.stdout;
  }

  private static boolean works(String script) {
    try {
      return Files.isExecutable(Path.of(PYTHON)) && exec(script).exitCode == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result exec(String script, String... args)
      throws IOException, InterruptedException {
    // From a file, not -c: torch.jit.script needs the source of the classes it compiles.
    Path file = Files.writeString(Files.createTempFile("linr", ".py"), script);
    List<String> command = new ArrayList<>(List.of(PYTHON, file.toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile("python", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("python timed out");
      }
      return new Result(p.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
      Files.deleteIfExists(file);
    }
  }
}
