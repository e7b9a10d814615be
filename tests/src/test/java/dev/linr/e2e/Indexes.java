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
    return fromJsonl(
        jsonl,
        dir.resolve(("idx_" + metric + "_" + dtype).toLowerCase(java.util.Locale.ROOT)),
        metric,
        dtype,
        slack);
  }

  /**
   * Builds the index archive folder {@code output} from a JSON Lines file of items, with the
   * serving translator jar and the default slack.
   */
  public static BuildResult fromJsonl(Path jsonl, Path output, Metric metric, StorageType dtype)
      throws IOException {
    return fromJsonl(jsonl, output, metric, dtype, 0.10);
  }

  private static BuildResult fromJsonl(
      Path jsonl, Path output, Metric metric, StorageType dtype, double slack) throws IOException {
    return IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(jsonl))
        .setOutput(output)
        .optMetric(metric)
        .optDtype(dtype)
        .optSlack(slack)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
  }
}
