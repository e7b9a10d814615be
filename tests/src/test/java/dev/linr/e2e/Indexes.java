package dev.linr.e2e;

import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;

/** Builds test indexes the way the command line does. */
public final class Indexes {
  private Indexes() {}

  public static BuildResult build(TestCorpus corpus, Path dir, Metric metric, StorageType dtype)
      throws IOException {
    return build(corpus, dir, metric, dtype, 0.10);
  }

  static BuildResult build(
      TestCorpus corpus, Path dir, Metric metric, StorageType dtype, double slack)
      throws IOException {
    Path jsonl = corpus.writeJsonl(dir.resolve("items-" + metric + "-" + dtype + ".jsonl"));
    return IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(jsonl))
        .setOutput(dir.resolve(("idx_" + metric + "_" + dtype).toLowerCase(java.util.Locale.ROOT)))
        .optMetric(metric)
        .optDtype(dtype)
        .optSlack(slack)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
  }
}
