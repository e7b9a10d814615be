package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.linr.rank.RankRequest;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ranker archive is self-contained for DJL Serving: a separate JVM with only DJL, its engines,
 * Gson and SLF4J on its classpath (no linr jars) loads it through DJL's own serving translator
 * factory, which finds the ranking translator in the archive's libs/, and answers exactly as linr
 * does in this JVM.
 */
class StockDjlRankerTest {
  private static final int DIMENSION = 4;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(RankerFormat.class)
  void stockDjlRanksWithTheBundledTranslator(RankerFormat format) throws Exception {
    RankerFeatures features = RankerFeatures.parse("product,score", "quality");
    RankerDefinition ranker =
        new RankerDefinition(
            DIMENSION, features, Rankers.dyadic(features.width(DIMENSION), new int[] {8}, 2));
    Path archive = Rankers.write(ranker, format, dir, "ranker");
    SplittableRandom r = new SplittableRandom(6);
    String request =
        RankRequest.builder()
            .optVector(Rankers.dyadicVector(r, DIMENSION))
            .setCandidates(Rankers.dyadicCandidates(r, 12, DIMENSION))
            .optN(5)
            .build()
            .toJson()
            .toString();
    String expected;
    try (ServedRanker served = new ServedRanker(archive, format)) {
      expected = served.rank(request);
    }

    List<String> out = runStockDjl(archive, format.engine(), request);

    assertEquals("dev.linr.rank.RankingServingTranslator", out.get(0), String.join("\n", out));
    assertEquals("200", out.get(1));
    assertEquals(expected, out.get(2));
  }

  private List<String> runStockDjl(Path archive, String engine, String request) throws Exception {
    String testClasses =
        Path.of(
                StockDjlRankerMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    List<String> djlOnly =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                p ->
                    p.contains("/ai/djl/")
                        || p.contains("/com/microsoft/onnxruntime/")
                        || p.contains("/gson/")
                        || p.contains("/slf4j"))
            .toList();
    assertFalse(djlOnly.isEmpty(), "DJL jars on the test classpath");
    List<String> cp = new ArrayList<>(djlOnly);
    cp.add(testClasses);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dai.djl.offline=true",
            "-cp",
            String.join(File.pathSeparator, cp),
            StockDjlRankerMain.class.getName(),
            archive.toString(),
            engine,
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
