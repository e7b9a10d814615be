package dev.linr.bench;

import dev.linr.cli.ConsoleProgress;
import dev.linr.index.BuildProgress;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;

/**
 * How the benchmarks build their indexes: vectors from a {@code .npy} with their attributes from a
 * JSONL, the serving translator in the archive, and a progress bar on the console from {@code
 * progressFrom} items.
 */
final class BenchBuilds {
  /** Items from which the index and serving benchmarks show a build's progress. */
  static final long PROGRESS_ITEMS = 1_000_000;

  private BenchBuilds() {}

  /** A builder of {@code out} from the files, ready to run or to take further options. */
  static IndexBuilder.Builder builder(
      Path npy,
      Path metadata,
      Path out,
      Metric metric,
      StorageType dtype,
      long items,
      long progressFrom) {
    return IndexBuilder.builder()
        .setItems(ItemFiles.npy(npy, metadata))
        .setOutput(out)
        .optMetric(metric)
        .optDtype(dtype)
        .optProgress(items >= progressFrom ? new ConsoleProgress(System.err) : BuildProgress.NONE)
        .optTranslatorJar(ServingTranslatorJar::open);
  }
}
