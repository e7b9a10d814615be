package dev.linr.cli;

import dev.linr.rank.FusedBuildResult;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerArchiveReader;
import dev.linr.rank.RankerDefinition;
import dev.linr.runtime.ServingTranslatorJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ArchiveOutput output;

  @Override
  public Integer call() throws Exception {
    RankerDefinition definition = readRanker(ranker);
    FusedModelBuilder.Builder b =
        FusedModelBuilder.builder()
            .setIndex(index)
            .setRanker(definition)
            .setOutput(output.out)
            .optOverwrite(output.overwrite)
            .optTranslatorJar(ServingTranslatorJar::open);
    if (output.name != null) {
      b.optName(output.name);
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
    output.pack(r.folder());
    return 0;
  }

  private static RankerDefinition readRanker(Path archive) throws IOException {
    try (UnpackedArchive ranker = UnpackedArchive.open(archive, "ranker archive")) {
      return RankerArchiveReader.read(ranker.folder());
    }
  }
}
