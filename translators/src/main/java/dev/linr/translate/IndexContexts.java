package dev.linr.translate;

import dev.linr.archive.ServingProperties;
import dev.linr.index.ArchiveAttributeLookup;
import dev.linr.index.ArchiveVectorLookup;
import dev.linr.index.IndexBuffers;
import dev.linr.index.IndexMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the {@link IndexContext} of an archive folder. */
public final class IndexContexts {
  private IndexContexts() {}

  /**
   * Reads the metadata, checks the model file's CRC-32s and maps its attribute and embedding
   * buffers, of the archive folder {@code dir}.
   *
   * @throws IllegalArgumentException if the folder is not a readable index archive
   */
  public static IndexContext open(Path dir) throws IOException {
    IndexMetadata metadata = IndexMetadata.read(dir);
    Path modelFile = dir.resolve(modelName(dir) + ".pt");
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("not an index archive: " + modelFile + " is missing");
    }
    try (IndexBuffers buffers = IndexBuffers.open(modelFile, metadata)) {
      return new IndexContext(
          metadata,
          ArchiveAttributeLookup.of(metadata, buffers),
          ArchiveVectorLookup.of(metadata, buffers));
    }
  }

  /** The model name: {@code option.modelName} from serving.properties, else the folder name. */
  public static String modelName(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(ServingProperties.FILE))) {
      String name = ServingProperties.read(dir).get("option.modelName");
      if (name != null && !name.isBlank()) {
        return name.trim();
      }
    }
    return dir.getFileName().toString();
  }
}
