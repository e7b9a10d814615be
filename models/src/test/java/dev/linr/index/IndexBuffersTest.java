package dev.linr.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.items.ItemFiles;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping an index model's buffers: checks on open, rows across mapped parts, stored vectors. */
class IndexBuffersTest {
  private static final int COUNT = 23;
  private static final int DIMENSION = 3;

  @TempDir Path dir;

  private BuildResult build(StorageType dtype) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      lines.add("{\"id\": " + i + ", \"vector\": [" + (i + 0.1) + ", " + (-i) + ", 0.3333333]}");
    }
    Path items = Files.write(dir.resolve("items.jsonl"), lines, StandardCharsets.UTF_8);
    return IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(items))
        .setOutput(dir.resolve("idx"))
        .optMetric(Metric.DOT)
        .optDtype(dtype)
        .build()
        .run();
  }

  private static Path modelFile(BuildResult built) {
    return built.folder().resolve(built.name() + ".pt");
  }

  @Test
  void rowsReadTheSameAcrossPartBoundaries() throws IOException {
    BuildResult built = build(StorageType.FLOAT16);
    IndexMetadata metadata = IndexMetadata.read(built.folder());
    try (IndexBuffers buffers = IndexBuffers.open(modelFile(built), metadata)) {
      ByteBuffer whole = buffers.map("emb");
      MappedRows parts = buffers.mapRows("emb", 4 * DIMENSION * 2 + 5);
      assertEquals(metadata.layout().capacity(), parts.rows());
      assertEquals(DIMENSION * 2, parts.rowBytes());
      for (long r = 0; r < parts.rows(); r++) {
        byte[] expected = new byte[DIMENSION * 2];
        whole.get((int) (r * parts.rowBytes()), expected);
        byte[] got = new byte[DIMENSION * 2];
        parts.part(r).get(parts.offset(r), got);
        assertArrayEquals(expected, got, "row " + r);
      }
      assertTrue(parts.part(0) != parts.part(4), "rows 0 and 4 lie in different parts");
      assertThrows(IndexOutOfBoundsException.class, () -> parts.part(parts.rows()));
    }
  }

  @Test
  void vectorLookupReturnsTheInputRoundedToBfloat16() throws IOException {
    assertVectorLookupReturnsTheInputRoundedTo(StorageType.BFLOAT16);
  }

  @Test
  void vectorLookupReturnsFloat32InputExactly() throws IOException {
    assertVectorLookupReturnsTheInputRoundedTo(StorageType.FLOAT32);
  }

  /** Every slot of an archive of {@code dtype} reads back as its input vector rounded to it. */
  private void assertVectorLookupReturnsTheInputRoundedTo(StorageType dtype) throws IOException {
    BuildResult built = build(dtype);
    IndexMetadata metadata = IndexMetadata.read(built.folder());
    try (IndexBuffers buffers = IndexBuffers.open(modelFile(built), metadata)) {
      VectorLookup vectors = ArchiveVectorLookup.of(metadata, buffers);
      assertEquals(DIMENSION, vectors.dimension());
      // From the last slot down, so no read relies on the one before it.
      for (int i = COUNT - 1; i >= 0; i--) {
        float[] input = {(float) (i + 0.1), -i, 0.3333333f};
        float[] expected = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
          expected[j] = dtype.round(input[j]);
        }
        assertArrayEquals(expected, vectors.vector(i), "slot " + i);
      }
    }
  }

  @Test
  void damagedModelFileIsRefusedOnOpen() throws IOException {
    BuildResult built = build(StorageType.FLOAT32);
    IndexMetadata metadata = IndexMetadata.read(built.folder());
    Path model = modelFile(built);
    byte[] bytes = Files.readAllBytes(model);
    // Flip one bit of the first embedding value: the float 0.1f appears in the file once.
    int bits = Float.floatToRawIntBits(0.1f);
    int at = -1;
    for (int i = 0; i + 4 <= bytes.length && at < 0; i++) {
      if (bytes[i] == (byte) bits
          && bytes[i + 1] == (byte) (bits >>> 8)
          && bytes[i + 2] == (byte) (bits >>> 16)
          && bytes[i + 3] == (byte) (bits >>> 24)) {
        at = i;
      }
    }
    assertTrue(at > 0, "the first embedding value is in the file");
    bytes[at] ^= 1;
    Files.write(model, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IndexBuffers.open(model, metadata));
    assertTrue(e.getMessage().startsWith("corrupt index archive: "), e.getMessage());
    assertTrue(e.getMessage().contains("CRC-32 mismatch"), e.getMessage());
  }

  @Test
  void unknownBufferIsNamed() throws IOException {
    BuildResult built = build(StorageType.FLOAT32);
    IndexMetadata metadata = IndexMetadata.read(built.folder());
    try (IndexBuffers buffers = IndexBuffers.open(modelFile(built), metadata)) {
      assertEquals(
          "the index model has no buffer named 'nope'",
          assertThrows(IllegalArgumentException.class, () -> buffers.map("nope")).getMessage());
    }
  }
}
