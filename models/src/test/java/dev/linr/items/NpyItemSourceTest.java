package dev.linr.items;

import static dev.linr.items.TestFiles.assertError;
import static dev.linr.items.TestFiles.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.schema.HalfFloats;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .npy vectors file with JSON Lines metadata, and the pairing rules for both metadata forms. */
class NpyItemSourceTest {
  @TempDir Path dir;

  private static final float[][] ROWS = {{1, 2, 3}, {0.5f, -0.25f, 1e-3f}, {7, 8, 9}};

  @Test
  void float32WithJsonlMetadata() throws IOException {
    Path npy = TestFiles.npyF4(dir, "v.npy", ROWS);
    Path meta =
        TestFiles.lines(
            dir,
            "meta.jsonl",
            "{\"id\": \"a\", \"attributes\": {\"geo\": \"us\"}}",
            "",
            "{\"id\": \"b\", \"expires_at\": 5}",
            "{\"id\": \"c\"}");
    ItemFiles files = ItemFiles.npy(npy, meta);
    assertEquals(ItemFiles.Format.JSONL, files.format());
    List<Item> items = TestFiles.readAll(files, null);
    assertEquals(3, items.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(ROWS[i], items.get(i).vector());
    }
    assertEquals(List.of("us"), items.get(0).attribute("geo"));
    assertEquals(3, items.get(1).line());
    assertEquals(5, items.get(1).expiresAt().getAsLong());
    assertEquals(3, ItemSources.countItems(files));
    IndexSchema s = SchemaInference.infer(files, null, null).schema();
    assertEquals(3, s.dimension());
  }

  @Test
  void float16WithCsvMetadata() throws IOException {
    Path npy = TestFiles.npyF2(dir, "h.npy", ROWS);
    Path meta = TestFiles.lines(dir, "meta.csv", "id", "1", "2", "3");
    List<Item> items = TestFiles.readAll(ItemFiles.npy(npy, meta), null);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(
            HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(ROWS[i][j])),
            items.get(i).vector()[j]);
      }
    }
    assertEquals(0.0010004044f, items.get(1).vector()[2]);
  }

  @Test
  void vectorFieldInMetadataIsAnError() throws IOException {
    Path npy = TestFiles.npyF4(dir, "v.npy", ROWS);
    Path meta =
        TestFiles.lines(dir, "meta.jsonl", "{\"id\": 1}", "{\"id\": 2, \"vector\": [1, 2, 3]}");
    assertError(
        failure(ItemFiles.npy(npy, meta), null),
        meta,
        2,
        "vector",
        "field 'vector' is not allowed here: vectors come from " + npy);
    Path meta2 = TestFiles.lines(dir, "meta2.jsonl", "{\"id\": 1, \"vectr\": 1}");
    assertError(
        failure(ItemFiles.npy(npy, meta2), null),
        meta2,
        1,
        "vectr",
        "unknown field 'vectr'; expected id, attributes, expires_at");
  }

  @Test
  void fewerItemsThanRowsSaysBothCounts() throws IOException {
    Path npy = TestFiles.npyF4(dir, "v.npy", ROWS);
    Path meta = TestFiles.lines(dir, "meta.jsonl", "{\"id\": 1}", "{\"id\": 2}");
    ItemFiles files = ItemFiles.npy(npy, meta);
    String expected =
        npy + " has 3 rows but " + meta + " has 2 items; they must pair up row for row";
    ItemInputException e = failure(files, null);
    assertEquals(expected, e.getMessage());
    assertEquals(0, e.line());
    assertEquals(
        expected,
        assertThrows(ItemInputException.class, () -> ItemSources.countItems(files)).getMessage());
    Path csv = TestFiles.lines(dir, "meta.csv", "id", "1", "2");
    assertEquals(
        npy + " has 3 rows but " + csv + " has 2 items; they must pair up row for row",
        failure(ItemFiles.npy(npy, csv), null).getMessage());
  }

  @Test
  void moreItemsThanRowsSaysBothCountsAtTheFirstUnpairedLine() throws IOException {
    Path npy = TestFiles.npyF4(dir, "v.npy", ROWS);
    Path meta =
        TestFiles.lines(
            dir,
            "meta.jsonl",
            "{\"id\": 1}",
            "{\"id\": 2}",
            "{\"id\": 3}",
            "",
            "{\"id\": 4}",
            "{\"id\": 5}");
    assertError(
        failure(ItemFiles.npy(npy, meta), null),
        meta,
        5,
        "vector",
        npy + " has 3 rows but " + meta + " has 5 items; they must pair up row for row");
    Path csv = TestFiles.lines(dir, "meta.csv", "id", "1", "2", "3", "\"4\"");
    assertError(
        failure(ItemFiles.npy(npy, csv), null),
        csv,
        5,
        "vector",
        npy + " has 3 rows but " + csv + " has 4 items; they must pair up row for row");
  }

  @Test
  void nonFiniteRowsAreRejected() throws IOException {
    float[][] rows = {{1, 2}, {3, Float.NaN}, {5, 6}};
    Path npy = TestFiles.npyF4(dir, "v.npy", rows);
    Path meta = TestFiles.lines(dir, "meta.jsonl", "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}");
    assertError(
        failure(ItemFiles.npy(npy, meta), null),
        meta,
        2,
        "vector",
        "vector (row 1 of " + npy + ") element 1 is NaN; vector values must be finite");
    float[][] big = {{1, 70000f}};
    Path h = TestFiles.npyF2(dir, "h.npy", big);
    Path one = TestFiles.lines(dir, "one.csv", "id", "1");
    assertError(
        failure(ItemFiles.npy(h, one), null),
        one,
        2,
        "vector",
        "vector (row 0 of " + h + ") element 1 is Infinity; vector values must be finite");
  }

  @Test
  void schemaDimensionMustMatchTheFile() throws IOException {
    Path npy = TestFiles.npyF4(dir, "v.npy", ROWS);
    Path meta = TestFiles.lines(dir, "meta.jsonl", "{\"id\": 1}");
    IndexSchema schema = IndexSchema.builder().setDimension(4).build();
    ItemInputException e =
        assertThrows(
            ItemInputException.class, () -> ItemSources.open(ItemFiles.npy(npy, meta), schema));
    assertError(e, npy, 0, "vector", "vectors have dimension 3 but the schema's dimension is 4");
  }

  @Test
  void badNpyFailsAtOpen() throws IOException {
    Path npy = TestFiles.npy(dir, "v.npy", 1, "<f4", false, "(3,)", new byte[12]);
    Path meta = TestFiles.lines(dir, "meta.jsonl", "{\"id\": 1}");
    ItemInputException e =
        assertThrows(
            ItemInputException.class, () -> ItemSources.open(ItemFiles.npy(npy, meta), null));
    assertEquals(
        npy + ": shape (3,) is 1-D; expected a 2-D array [rows, dimension]", e.getMessage());
  }
}
