package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classes in a separate JVM whose classpath holds only the jars of
 * the test classpath that a stock DJL Serving has (no linr jars), offline, and returns what it
 * printed. Used by the tests that prove an archive is self-contained.
 */
public final class StockDjlProcess {
  /** DJL with its PyTorch engine, Gson and SLF4J. */
  public static final List<String> DJL = List.of("/ai/djl/", "/gson/", "/slf4j");

  /** {@link #DJL} and ONNX Runtime. */
  public static final List<String> DJL_AND_ONNX_RUNTIME =
      List.of("/ai/djl/", "/com/microsoft/onnxruntime/", "/gson/", "/slf4j");

  private StockDjlProcess() {}

  /**
   * Runs {@code main} with {@code args} in a JVM whose classpath is the test classes and the jars
   * whose paths contain one of {@code jars}; asserts that such jars exist, that the JVM exits with
   * 0 within 120 s; returns the non-blank lines it printed to stdout (stderr is discarded).
   */
  public static List<String> run(Class<?> main, List<String> jars, String... args)
      throws Exception {
    String testClasses =
        Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> djlOnly =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> jars.stream().anyMatch(p::contains))
            .toList();
    assertFalse(djlOnly.isEmpty(), "DJL jars on the test classpath");
    List<String> cp = new ArrayList<>(djlOnly);
    cp.add(testClasses);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                String.join(File.pathSeparator, cp),
                main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("stock DJL did not finish");
    }
    assertEquals(0, p.exitValue(), stdout);
    return Arrays.stream(stdout.split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
