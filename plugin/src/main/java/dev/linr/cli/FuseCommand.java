package dev.linr.cli;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchivePacker;
import dev.linr.rank.FusedBuildResult;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerArchiveReader;
import dev.linr.rank.RankerDefinition;
import dev.linr.runtime.ServingTranslatorJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linr fuse}: an index archive and a ranker archive in, one fused model archive out. */
@Command(
    name = "fuse",
    mixinStandardHelpOptions = true,
    description = {
      "Fuses an index archive and a ranker archive into one model whose forward pass retrieves the"
          + " top k, ranks them with the ranker's MLP and returns the best n.",
      "It answers the retrieval-then-ranking workflow's request {\"vector\", \"k\", \"n\","
          + " \"filter\"} with the ranker's response {\"hits\": [...]}."
    })
final class FuseCommand implements Callable<Integer> {
  @Option(
      names = "--index",
      required = true,
      paramLabel = "DIR",
      description = "Index archive (folder, .zip or .tar.gz) written by linr build.")
  Path index;

  @Option(
      names = "--ranker",
      required = true,
      paramLabel = "DIR",
      description =
          "Ranker archive (folder, .zip or .tar.gz) of a linr ranker, ONNX or TorchScript.")
  Path ranker;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Archive folder.")
  Path out;

  @Option(names = "--name", description = "Model name (default: the folder name).")
  String name;

  @Option(names = "--zip", description = "Also write DIR.zip.")
  boolean zip;

  @Option(names = "--tar-gz", description = "Also write DIR.tar.gz.")
  boolean tarGz;

  @Option(names = "--overwrite", description = "Replace an existing output folder.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    RankerDefinition definition = readRanker(ranker);
    FusedModelBuilder.Builder b =
        FusedModelBuilder.builder()
            .setIndex(index)
            .setRanker(definition)
            .setOutput(out)
            .optOverwrite(overwrite)
            .optTranslatorJar(ServingTranslatorJar::open);
    if (name != null) {
      b.optName(name);
    }
    FusedBuildResult r = b.build().run();
    System.out.printf(
        Locale.ROOT,
        "fused %s: index %s, ranker %s (widths %s), model %s%n",
        r.folder(),
        index,
        definition.features(),
        Arrays.toString(definition.mlp().widths()),
        Sizes.human(r.modelBytes()));
    if (zip) {
      pack(r.folder(), ArchiveFormat.ZIP);
    }
    if (tarGz) {
      pack(r.folder(), ArchiveFormat.TAR_GZ);
    }
    return 0;
  }

  private static RankerDefinition readRanker(Path archive) throws IOException {
    try (UnpackedArchive ranker = UnpackedArchive.open(archive, "ranker archive")) {
      return RankerArchiveReader.read(ranker.folder());
    }
  }

  private static void pack(Path folder, ArchiveFormat format) throws IOException {
    Path file = folder.resolveSibling(folder.getFileName() + format.extension());
    ArchivePacker.pack(folder, file);
    System.out.printf(Locale.ROOT, "packed %s (%s)%n", file, Sizes.human(Files.size(file)));
  }
}
