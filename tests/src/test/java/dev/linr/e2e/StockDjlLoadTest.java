package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
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

    List<String> out =
        StockDjlProcess.run(
            StockDjlMain.class, StockDjlProcess.DJL, built.folder().toString(), request);

    assertEquals("200", out.get(0), String.join("\n", out));
    assertEquals("application/json", out.get(1));
    assertEquals(expected, out.get(2));
  }
}
