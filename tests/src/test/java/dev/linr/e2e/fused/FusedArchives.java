package dev.linr.e2e.fused;

import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerDefinition;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuses test index archives with rankers the way {@code linr fuse} does, without a translator jar.
 */
final class FusedArchives {
  private FusedArchives() {}

  /** Fuses the index archive {@code index} and {@code ranker} into the folder {@code output}. */
  static Path fuse(Path index, RankerDefinition ranker, Path output) throws IOException {
    return FusedModelBuilder.builder()
        .setIndex(index)
        .setRanker(ranker)
        .setOutput(output)
        .build()
        .run()
        .folder();
  }
}
