package dev.linr.rank;

import dev.linr.index.ArchiveAttributeLookup;
import dev.linr.index.ArchiveVectorLookup;
import dev.linr.index.IndexBuffers;
import dev.linr.index.IndexMetadata;
import dev.linr.translate.IndexContext;
import dev.linr.translate.IndexContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the fused translators need besides the model's tensors: the index context (schema, ids,
 * attributes) and the ranking stage's description. Immutable and thread-safe.
 *
 * @param index the index part: schema, id table, attribute and vector lookups
 * @param ranking the ranking stage: the ranker's features and layer widths
 */
public record FusedContext(IndexContext index, FusedMetadata ranking) {
  /**
   * @throws IllegalArgumentException if the ranker's feature count does not fit the index
   */
  public FusedContext {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(ranking, "ranking");
    int dimension = index.schema().dimension();
    int features = ranking.features().width(dimension);
    if (ranking.widths()[0] != features) {
      throw new IllegalArgumentException(
          "the fused model's ranker reads "
              + ranking.widths()[0]
              + " features, but "
              + ranking.features()
              + " at dimension "
              + dimension
              + " make "
              + features);
    }
  }

  /**
   * Reads the metadata of the fused archive folder {@code dir}, checks its model file's CRC-32s and
   * maps the attribute and embedding buffers.
   *
   * @throws IllegalArgumentException if the folder is not a readable fused archive
   */
  public static FusedContext open(Path dir) throws IOException {
    IndexMetadata metadata = IndexMetadata.read(dir);
    FusedMetadata ranking = FusedMetadata.read(dir);
    Path modelFile = dir.resolve(IndexContexts.modelName(dir) + ".pt");
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("not a fused archive: " + modelFile + " is missing");
    }
    try (IndexBuffers buffers = IndexBuffers.open(modelFile, metadata, ranking.rankerTensors())) {
      IndexContext index =
          new IndexContext(
              metadata,
              ArchiveAttributeLookup.of(metadata, buffers),
              ArchiveVectorLookup.of(metadata, buffers));
      return new FusedContext(index, ranking);
    }
  }
}
