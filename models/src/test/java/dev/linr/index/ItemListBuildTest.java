package dev.linr.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.items.Item;
import dev.linr.items.ItemFiles;
import dev.linr.items.ItemList;
import dev.linr.items.ItemSource;
import dev.linr.items.SchemaInference;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build from items in memory (how a live index writes its snapshots) writes the same buffers as a
 * build from the same items in a file, for every kind of attribute and an expiry.
 */
class ItemListBuildTest {
  @TempDir Path dir;

  private Path itemsFile() throws IOException {
    Random r = new Random(3);
    String[] geos = {"us", "de", "fr", "in"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StringBuilder line =
          new StringBuilder("{\"id\": ").append(1000 + i).append(", \"vector\": [");
      for (int j = 0; j < 8; j++) {
        line.append(j == 0 ? "" : ", ").append(r.nextGaussian());
      }
      line.append("], \"attributes\": {\"geo\": \"").append(geos[r.nextInt(geos.length)]);
      line.append("\", \"company\": ").append(r.nextInt(50));
      line.append(", \"quality\": ").append(r.nextDouble());
      line.append(", \"remote\": ").append(r.nextBoolean());
      line.append(", \"skills\": [\"s").append(r.nextInt(20)).append("\", \"s");
      line.append(20 + r.nextInt(20)).append("\"]}");
      if (i % 7 == 0) {
        line.append(", \"expires_at\": ").append(1_800_000_000L + i);
      }
      lines.add(line.append('}').toString());
    }
    return Files.write(dir.resolve("items.jsonl"), lines, StandardCharsets.UTF_8);
  }

  private BuildResult build(dev.linr.items.ItemInput items, IndexSchema schema, String name)
      throws IOException {
    return IndexBuilder.builder()
        .setItems(items)
        .setOutput(dir.resolve(name))
        .optSchema(schema)
        .build()
        .run();
  }

  @Test
  void itemsInMemoryBuildTheSameBuffersAsTheirFile() throws IOException {
    ItemFiles file = ItemFiles.jsonl(itemsFile());
    IndexSchema schema = SchemaInference.infer(file, Metric.COSINE, StorageType.FLOAT16).schema();
    List<Item> items = new ArrayList<>();
    try (ItemSource source = file.open(schema)) {
      for (Item item = source.next(); item != null; item = source.next()) {
        items.add(item);
      }
    }
    BuildResult fromFile = build(file, schema, "file");
    BuildResult fromMemory = build(new ItemList(items), schema, "memory");
    IndexMetadata a = IndexMetadata.read(fromFile.folder());
    IndexMetadata b = IndexMetadata.read(fromMemory.folder());
    assertEquals(a.layout().buffers(), b.layout().buffers());
    int compared = 0;
    try (IndexBuffers x = IndexBuffers.open(modelFile(fromFile), a);
        IndexBuffers y = IndexBuffers.open(modelFile(fromMemory), b)) {
      for (BufferSpec spec : a.layout().buffers()) {
        ByteBuffer bx = x.map(spec.name());
        ByteBuffer by = y.map(spec.name());
        assertEquals(bx, by, spec.name());
        compared++;
      }
    }
    assertTrue(compared > 10, "buffers compared: " + compared);
    assertEquals(300, fromMemory.count());
  }

  @Test
  void itemsInMemoryNeedASchema() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                IndexBuilder.builder()
                    .setItems(new ItemList(List.of()))
                    .setOutput(dir.resolve("x"))
                    .build());
    assertEquals("items in memory need a schema", e.getMessage());
  }

  private static Path modelFile(BuildResult built) {
    return built.folder().resolve(built.name() + ".pt");
  }
}
