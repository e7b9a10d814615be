package dev.linr.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.AttributeColumn;
import dev.linr.index.BufferSpec;
import dev.linr.index.FormatVersion;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.runtime.LinrIndex;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linr inspect}: what an archive holds, as JSON. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Prints an archive's schema, counts, capacity, memory per buffer and format version (JSON).")
final class InspectCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "ARCHIVE", description = "The index.")
  Path model;

  @Override
  public Integer call() throws Exception {
    try (LinrIndex index = LinrIndex.open(model)) {
      System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(describe(index)));
    }
    return 0;
  }

  static JsonObject describe(LinrIndex index) {
    IndexMetadata m = index.metadata();
    IndexLayout layout = m.layout();
    JsonObject o = new JsonObject();
    o.addProperty("format_version", FormatVersion.CURRENT);
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
      attributes.add(a);
    }
    o.add("attributes", attributes);
    o.addProperty("memory_bytes", layout.bytes());
    o.addProperty("memory", Sizes.human(layout.bytes()));
    o.add("build", m.build());
    return o;
  }
}
