package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import dev.linr.schema.IdType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting, file selection and the small value types. */
class ItemSourcesTest {
  @TempDir Path dir;

  @Test
  void countItemsAgreesWithTheReaders() throws IOException {
    Path jsonl =
        TestFiles.text(
            dir,
            "a.jsonl",
            "\uFEFF{\"id\": 1, \"vector\": [1]}\r\n\r\n \t\n{\"id\": 2, \"vector\": [1]}\r"
                + "{\"id\": 3, \"vector\": [1]}");
    ItemFiles files = ItemFiles.jsonl(jsonl);
    assertEquals(3, ItemSources.countItems(files));
    assertEquals(3, ItemSources.validate(files, null));
    Path csv =
        TestFiles.text(dir, "a.csv", "\uFEFFid,note\r\n1,\"x\r\n\r\ny\"\r\n\r\n2,\"\"\"\"\n3,\n");
    Path npy = TestFiles.npyF4(dir, "v.npy", new float[][] {{1}, {2}, {3}});
    ItemFiles csvFiles = ItemFiles.npy(npy, csv);
    assertEquals(3, ItemSources.countItems(csvFiles));
    List<Item> items = TestFiles.readAll(csvFiles, null);
    assertEquals(List.of("x\n\ny"), items.get(0).attribute("note"));
    assertEquals(List.of("\""), items.get(1).attribute("note"));
    assertEquals(6, items.get(1).line(), "header, 3 lines of record 1, a blank line");
    assertEquals(3, ItemSources.validate(csvFiles, null));
  }

  @Test
  void itemFilesPickTheFormat() {
    Path v = Path.of("v.npy");
    assertEquals(ItemFiles.Format.CSV, ItemFiles.npy(v, Path.of("m.CSV")).format());
    assertEquals(ItemFiles.Format.JSONL, ItemFiles.npy(v, Path.of("m.jsonl")).format());
    assertEquals(ItemFiles.Format.JSONL, ItemFiles.of(Path.of("i.jsonl"), null).format());
    assertNull(ItemFiles.jsonl(Path.of("i.jsonl")).vectors());
    assertEquals("v.npy + m.csv", ItemFiles.npy(v, Path.of("m.csv")).describe());
    assertEquals("i.jsonl", ItemFiles.jsonl(Path.of("i.jsonl")).describe());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ItemFiles(Path.of("m.csv"), ItemFiles.Format.CSV, null));
  }

  @Test
  void itemIds() {
    assertEquals("42", ItemId.of(42).toString());
    assertEquals("p-1", ItemId.of("p-1").toString());
    assertEquals(IdType.INT, ItemId.of(1).type());
    assertEquals(IdType.STRING, ItemId.of("1").type());
    assertEquals(ItemId.of(7), ItemId.parse(" 7", IdType.INT));
    assertEquals(ItemId.of("7"), ItemId.parse("7", IdType.STRING));
    assertEquals(ItemId.of(7), ItemId.fromJson(JsonParser.parseString("7")));
    assertEquals(ItemId.of("x"), ItemId.fromJson(JsonParser.parseString("\"x\"")));
    assertEquals("\"x\"", ItemId.of("x").toJson().toString());
    assertEquals("-3", ItemId.of(-3).toJson().toString());
    assertThrows(IllegalArgumentException.class, () -> ItemId.of(""));
    assertThrows(IllegalArgumentException.class, () -> ItemId.parse("1.5", IdType.INT));
    assertThrows(
        IllegalArgumentException.class, () -> ItemId.fromJson(JsonParser.parseString("1.5")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ItemId.fromJson(JsonParser.parseString("99999999999999999999")));
  }

  @Test
  void itemOfCopiesAndChecks() {
    float[] v = {1, 2};
    Item it =
        Item.of(ItemId.of(1), v, Map.of("a", List.of("x", 2L, 2.5, true)), OptionalLong.of(9), 3);
    v[0] = 99;
    assertEquals(1f, it.vector()[0]);
    assertEquals(3, it.line());
    assertEquals(List.of(), it.attribute("b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Item.of(ItemId.of(1), new float[0], Map.of(), OptionalLong.empty(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Item.of(ItemId.of(1), v, Map.of("a", List.of()), OptionalLong.empty(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Item.of(ItemId.of(1), v, Map.of("a", List.of(1)), OptionalLong.empty(), 0));
  }

  @Test
  void exceptionMessageForms() {
    Path f = Path.of("items.jsonl");
    assertEquals("items.jsonl:3: bad", new ItemInputException(f, 3, "id", "bad").getMessage());
    assertEquals("items.jsonl: bad", new ItemInputException(f, 0, null, "bad").getMessage());
    assertEquals("line 3: bad", new ItemInputException(null, 3, "id", "bad").getMessage());
    assertEquals("bad", new ItemInputException(null, 0, null, "bad").getMessage());
    assertEquals(Integer.MAX_VALUE, new ItemInputException(f, 1L << 40, null, "bad").line());
  }
}
