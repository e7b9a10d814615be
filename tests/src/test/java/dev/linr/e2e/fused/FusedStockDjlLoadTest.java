package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.linr.e2e.StockDjlMain;
import dev.linr.index.BuildResult;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.ServingTranslatorJar;
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
 * A fused archive is self-contained for DJL Serving: a separate JVM with only DJL, Gson and SLF4J
 * on its classpath (no linr jars) loads it through DJL's own serving translator factory, which
 * finds the fused translator in the archive's libs/, and answers exactly as linr does.
 */
class FusedStockDjlLoadTest {
  @TempDir Path dir;

  @Test
  void stockDjlLoadsTheFusedArchiveWithItsBundledTranslator() throws Exception {
    FusedCorpus corpus = FusedCorpus.dyadic(81, 200, 6);
    BuildResult built = corpus.build(dir, "posts", Metric.COSINE, StorageType.FLOAT16);
    Path out =
        FusedModelBuilder.builder()
            .setIndex(built.folder())
            .setRanker(
                DyadicRankers.of(
                    6, RankerFeatures.of(true, true, List.of("quality")), new int[] {4}, 82))
            .setOutput(dir.resolve("ranked"))
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run()
            .folder();
    String request =
        "{\"vector\": [1, 0.5, 0, 0, -1, 0], \"k\": 30, \"n\": 6, \"filter\": \"geo != 'us'\"}";
    String expected;
    try (LinrFused fused = LinrFused.open(out)) {
      expected = fused.rankJson(request);
    }

    List<String> lines = runStockDjl(out, request);

    assertEquals("200", lines.get(0), String.join("\n", lines));
    assertEquals("application/json", lines.get(1));
    assertEquals(expected, lines.get(2));
  }

  private static List<String> runStockDjl(Path archive, String request) throws Exception {
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
