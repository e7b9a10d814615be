package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive is self-contained for DJL Serving: a separate JVM with only DJL, Gson and SLF4J on its
 * classpath (no linr jars) loads it through DJL's own serving translator factory, which finds our
 * translator in the archive's libs/, and answers exactly as linr does.
 */
class StockDjlLoadTest {
  @TempDir Path dir;

  @Test
  void stockDjlLoadsTheArchiveWithItsBundledTranslator() throws Exception {
    BuildResult built =
        Indexes.build(FilterCorpus.create(9, 300, 6), dir, Metric.COSINE, StorageType.FLOAT16);
    String request =
        "{\"vector\": [1, 0.5, 0, 0, -1, 0], \"k\": 4, \"filter\": \"skills IN ('java', 'go')\","
            + " \"include\": [\"attributes\"]}";
    String expected;
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      expected = index.searchJson(request);
    }

    List<String> out = runStockDjl(built.folder(), request);

    assertEquals("200", out.get(0), String.join("\n", out));
    assertEquals("application/json", out.get(1));
    assertEquals(expected, out.get(2));
  }

  private List<String> runStockDjl(Path archive, String request) throws Exception {
    String testClasses =
        Path.of(StockDjlMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> djlOnly =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> p.contains("/ai/djl/") || p.contains("/gson/") || p.contains("/slf4j"))
            .collect(Collectors.toList());
    assertFalse(djlOnly.isEmpty(), "DJL jars on the test classpath");
    List<String> cp = new ArrayList<>(djlOnly);
    cp.add(testClasses);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dai.djl.offline=true",
            "-cp",
            String.join(File.pathSeparator, cp),
            StockDjlMain.class.getName(),
            archive.toString(),
            request);
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
