package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.e2e.StockDjlProcess;
import dev.linr.rank.RankRequest;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
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

    List<String> out =
        StockDjlProcess.run(
            StockDjlRankerMain.class,
            StockDjlProcess.DJL_AND_ONNX_RUNTIME,
            archive.toString(),
            format.engine(),
            request);

    assertEquals("dev.linr.rank.RankingServingTranslator", out.get(0), String.join("\n", out));
    assertEquals("200", out.get(1));
    assertEquals(expected, out.get(2));
  }
}
