package dev.linr.cli;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchivePacker;
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

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Archive folder.")
  Path out;

  @Option(names = "--name", description = "Model name (default: the folder name).")
  String name;

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

  @Option(names = "--zip", description = "Also write DIR.zip.")
  boolean zip;

  @Option(names = "--tar-gz", description = "Also write DIR.tar.gz.")
  boolean tarGz;

  @Option(names = "--overwrite", description = "Replace an existing output folder.")
  boolean overwrite;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    ItemFiles files = vectors == null ? ItemFiles.jsonl(items) : ItemFiles.npy(vectors, items);
    IndexBuilder.Builder b =
        IndexBuilder.builder()
            .setItems(files)
            .setOutput(out)
            .optSlack(slack)
            .optCapacity(capacity)
            .optOverwrite(overwrite)
            .optTranslatorJar(ServingTranslatorJar::open);
    if (name != null) {
      b.optName(name);
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
    if (zip) {
      pack(r.folder(), ArchiveFormat.ZIP);
    }
    if (tarGz) {
      pack(r.folder(), ArchiveFormat.TAR_GZ);
    }
    return 0;
  }

  private static void pack(Path folder, ArchiveFormat format) throws java.io.IOException {
    Path file = folder.resolveSibling(folder.getFileName() + format.extension());
    ArchivePacker.pack(folder, file);
    System.out.printf(
        Locale.ROOT, "packed %s (%s)%n", file, Sizes.human(java.nio.file.Files.size(file)));
  }
}
