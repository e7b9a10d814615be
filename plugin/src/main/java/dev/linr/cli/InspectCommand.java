package dev.linr.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.AttributeColumn;
import dev.linr.index.BufferSpec;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.rank.FusedMetadata;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LinrIndex;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linr inspect}: what an archive holds, as JSON. For a fused retrieval and ranking archive,
 * its index part as for an index, plus the ranker's features and layer widths.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an archive's schema, counts, capacity, memory per buffer and format version (JSON).",
      "For a fused archive (linr fuse), also its ranker: features, layer widths and parameters."
    })
final class InspectCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "ARCHIVE",
      description = "The index or fused archive (folder, .zip or .tar.gz).")
  Path model;

  @Override
  public Integer call() throws Exception {
    JsonObject o;
    try (UnpackedArchive archive = UnpackedArchive.open(model, "model archive")) {
      if (archive.fused()) {
        try (LinrFused fused = LinrFused.open(archive.folder())) {
          o = describe(fused.context().index().metadata(), "fused");
          o.add("ranker", describe(fused.context().ranking()));
        }
      } else {
        try (LinrIndex index = LinrIndex.open(archive.folder())) {
          o = describe(index.metadata(), "index");
        }
      }
    }
    System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
    return 0;
  }

  /** The index (or a fused model's index part); {@code kind} is {@code index} or {@code fused}. */
  private static JsonObject describe(IndexMetadata m, String kind) {
    IndexLayout layout = m.layout();
    JsonObject o = new JsonObject();
    o.addProperty("kind", kind);
    o.addProperty("format_version", m.formatVersion());
    o.add("schema", m.schema().toJson());
    o.addProperty("count", m.count());
    o.addProperty("capacity", m.capacity());
    o.addProperty("free_slots", m.capacity() - m.count());
    JsonArray buffers = new JsonArray();
    for (BufferSpec b : layout.buffers()) {
      JsonObject bo = new JsonObject();
      bo.addProperty("name", b.name());
      bo.addProperty("role", b.role());
      bo.addProperty("dtype", b.dtype().name().toLowerCase(java.util.Locale.ROOT));
      bo.addProperty("shape", Arrays.toString(b.shape()));
      bo.addProperty("bytes", b.bytes());
      buffers.add(bo);
    }
    o.add("buffers", buffers);
    JsonArray attributes = new JsonArray();
    for (AttributeColumn c : layout.columns()) {
      JsonObject a = new JsonObject();
      a.addProperty("name", c.spec().name());
      a.addProperty("type", c.spec().typeName());
      a.addProperty("encoding", c.encoding().jsonName());
      a.addProperty("element", c.valuesType().name().toLowerCase(java.util.Locale.ROOT));
      long bytes = 0;
      for (BufferSpec b : c.buffers(m.capacity())) {
        bytes += b.bytes();
      }
      a.addProperty("bytes", bytes);
      long indexBytes = 0;
      for (BufferSpec b : c.indexBuffers(m.capacity())) {
        indexBytes += b.bytes();
      }
      a.addProperty("index_bytes", indexBytes);
      attributes.add(a);
    }
    o.add("attributes", attributes);
    o.addProperty("memory_bytes", layout.bytes());
    o.addProperty("memory", Sizes.human(layout.bytes()));
    o.add("build", m.build());
    return o;
  }

  /**
   * A fused model's ranker: its features (the {@code features} argument, the attribute features and
   * their count), layer widths, and parameters with their float32 bytes.
   */
  private static JsonObject describe(FusedMetadata ranking) {
    RankerFeatures features = ranking.features();
    int[] widths = ranking.widths();
    JsonObject o = new JsonObject();
    o.addProperty("fused_format_version", FusedMetadata.FORMAT_VERSION);
    o.addProperty("features", features.featuresArgument());
    JsonArray attributes = new JsonArray();
    features.attributes().forEach(attributes::add);
    o.add("attributes", attributes);
    o.addProperty("feature_count", widths[0]);
    JsonArray w = new JsonArray();
    Arrays.stream(widths).forEach(w::add);
    o.add("layer_widths", w);
    long parameters = 0;
    for (int i = 0; i + 1 < widths.length; i++) {
      parameters += (long) widths[i] * widths[i + 1] + widths[i + 1];
    }
    o.addProperty("parameters", parameters);
    o.addProperty("bytes", parameters * Float.BYTES);
    return o;
  }
}
