package dev.linr.cli;

import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code linr build}: items in, model archive out. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds an index model archive (a DJL Serving model folder) from items.",
      "Items are JSON Lines {\"id\":..,\"vector\":[..],\"attributes\":{..}}, or a .npy of vectors"
          + " (--vectors) with ids and attributes in --items (JSONL or CSV) in the same order."
    })
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--items",
      required = true,
      paramLabel = "FILE",
      description = "Items: JSON Lines, or with --vectors a JSONL or CSV of ids and attributes.")
  Path items;

  @Option(names = "--vectors", paramLabel = "NPY", description = "float32/float16 .npy vectors.")
  Path vectors;

  @Option(names = "--schema", paramLabel = "FILE", description = "schema.json; else inferred.")
  Path schema;

  @Option(names = "--metric", description = "dot, cosine or l2 (default: schema's, else dot).")
  String metric;

  @Option(
      names = "--dtype",
      description = "float32, float16 or bfloat16 (default: schema's, else float32).")
  String dtype;

  @Option(
      names = "--slack",
      defaultValue = "0.10",
      description = "Free slots for live updates, as a fraction of the items (default 0.10).")
  double slack;

  @Option(names = "--capacity", description = "Exact slot capacity instead of items + slack.")
  long capacity;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin ArchiveOutput output;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    ItemFiles files = vectors == null ? ItemFiles.jsonl(items) : ItemFiles.npy(vectors, items);
    IndexBuilder.Builder b =
        IndexBuilder.builder()
            .setItems(files)
            .setOutput(output.out)
            .optSlack(slack)
            .optCapacity(capacity)
            .optOverwrite(output.overwrite)
            .optTranslatorJar(ServingTranslatorJar::open);
    if (output.name != null) {
      b.optName(output.name);
    }
    if (schema != null) {
      b.optSchema(IndexSchema.read(schema));
    }
    if (metric != null) {
      b.optMetric(Metric.parse(metric));
    }
    if (dtype != null) {
      b.optDtype(StorageType.parse(dtype));
    }
    if (!quiet) {
      b.optProgress(new ConsoleProgress(err));
    }
    BuildResult r = b.build().run();
    System.out.printf(
        Locale.ROOT,
        "built %s: %,d items (capacity %,d) in %.2f s, %,.0f items/s, model %s%n",
        r.folder(),
        r.count(),
        r.capacity(),
        r.elapsed().toMillis() / 1000.0,
        r.itemsPerSecond(),
        Sizes.human(r.modelBytes()));
    output.pack(r.folder());
    return 0;
  }
}
