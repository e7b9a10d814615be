package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.e2e.StockDjlMain;
import dev.linr.e2e.StockDjlProcess;
import dev.linr.index.BuildResult;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
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

    List<String> lines =
        StockDjlProcess.run(StockDjlMain.class, StockDjlProcess.DJL, out.toString(), request);

    assertEquals("200", lines.get(0), String.join("\n", lines));
    assertEquals("application/json", lines.get(1));
    assertEquals(expected, lines.get(2));
  }
}
