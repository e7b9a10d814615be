package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlItemSourceTest {
  @TempDir Path dir;

  private static IndexSchema schema(int dim, IdType idType, AttributeSpec... attrs) {
    IndexSchema.Builder b = IndexSchema.builder().setDimension(dim).optIdType(idType);
    for (AttributeSpec a : attrs) {
      b.addAttribute(a);
    }
    return b.build();
  }

  @Test
  void roundTripWithSchema() throws IOException {
    Path f =
        TestFiles.lines(
            dir,
            "items.jsonl",
            "{\"id\": 42, \"vector\": [0.1, -2, 3e2], \"attributes\": {\"geo\": \"us\","
                + " \"company\": 1234, \"skills\": [\"java\", \"ml\"], \"posted_at\": 1764115200,"
                + " \"quality\": 0.72, \"sponsored\": false}}",
            "{\"vector\": [1, 2, 3], \"id\": -7, \"expires_at\": 1800000000}");
    IndexSchema schema =
        schema(
            3,
            IdType.INT,
            new AttributeSpec("geo", AttributeType.STRING, false),
            new AttributeSpec("company", AttributeType.INT, false),
            new AttributeSpec("skills", AttributeType.STRING, true),
            new AttributeSpec("posted_at", AttributeType.INT, false),
            new AttributeSpec("quality", AttributeType.FLOAT, false),
            new AttributeSpec("sponsored", AttributeType.BOOL, false));
    List<Item> items = TestFiles.readAll(ItemFiles.jsonl(f), schema);
    assertEquals(2, items.size());
    Item a = items.get(0);
    assertEquals(new ItemId.Num(42), a.id());
    assertArrayEquals(new float[] {0.1f, -2f, 300f}, a.vector());
    assertEquals(
        Map.of(
            "geo", List.of("us"),
            "company", List.of(1234L),
            "skills", List.of("java", "ml"),
            "posted_at", List.of(1764115200L),
            "quality", List.of(0.72),
            "sponsored", List.of(false)),
        a.attributes());
    assertEquals(
        List.of("geo", "company", "skills", "posted_at", "quality", "sponsored"),
        List.copyOf(a.attributes().keySet()),
        "input order");
    assertEquals(OptionalLong.empty(), a.expiresAt());
    assertEquals(1, a.line());
    Item b = items.get(1);
    assertEquals(ItemId.of(-7), b.id());
    assertEquals(Map.of(), b.attributes());
    assertEquals(OptionalLong.of(1800000000L), b.expiresAt());
    assertEquals(2, b.line());
    assertThrows(UnsupportedOperationException.class, () -> a.attributes().put("x", List.of()));
    assertThrows(UnsupportedOperationException.class, () -> a.attribute("skills").add("x"));
  }

  @Test
  void schemaWidensIntsToFloatAndWrapsSingleValuesForMultiValued() throws IOException {
    Path f =
        TestFiles.lines(
            dir,
            "items.jsonl",
            "{\"id\": \"a\", \"vector\": [1], \"attributes\": {\"q\": 3, \"tags\": \"x\","
                + " \"ws\": [1, 2.5]}}");
    IndexSchema schema =
        schema(
            1,
            IdType.STRING,
            new AttributeSpec("q", AttributeType.FLOAT, false),
            new AttributeSpec("tags", AttributeType.STRING, true),
            new AttributeSpec("ws", AttributeType.FLOAT, true));
    Item it = TestFiles.readAll(ItemFiles.jsonl(f), schema).get(0);
    assertEquals(ItemId.of("a"), it.id());
    assertEquals(List.of(3.0), it.attribute("q"));
    assertEquals(List.of("x"), it.attribute("tags"));
    assertEquals(List.of(1.0, 2.5), it.attribute("ws"));
  }

  @Test
  void nullAndEmptyArrayAndMissingMeanAbsent() throws IOException {
    Path f =
        TestFiles.lines(
            dir,
            "items.jsonl",
            "{\"id\": 1, \"vector\": [1], \"attributes\": {\"geo\": null, \"skills\": []}}",
            "{\"id\": 2, \"vector\": [1], \"attributes\": null}",
            "{\"id\": 3, \"vector\": [1], \"attributes\": {}, \"expires_at\": null}");
    IndexSchema schema =
        schema(
            1,
            IdType.INT,
            new AttributeSpec("geo", AttributeType.STRING, false),
            new AttributeSpec("skills", AttributeType.STRING, true));
    for (Item it : TestFiles.readAll(ItemFiles.jsonl(f), schema)) {
      assertEquals(Map.of(), it.attributes());
      assertEquals(List.of(), it.attribute("geo"));
      assertTrue(it.expiresAt().isEmpty());
    }
  }

  @Test
  void withoutSchemaValuesKeepLiteralTypes() throws IOException {
    Path f =
        TestFiles.lines(
            dir,
            "items.jsonl",
            "{\"id\": \"x\", \"vector\": [1, 2], \"attributes\": {\"i\": 5, \"f\": 5.0, \"e\": 1e3,"
                + " \"b\": true, \"s\": \"5\", \"mixed\": [1, 2.5], \"ints\": [1, 2]}}");
    Item it = TestFiles.readAll(ItemFiles.jsonl(f), null).get(0);
    assertEquals(List.of(5L), it.attribute("i"));
    assertEquals(List.of(5.0), it.attribute("f"));
    assertEquals(List.of(1000.0), it.attribute("e"));
    assertEquals(List.of(true), it.attribute("b"));
    assertEquals(List.of("5"), it.attribute("s"));
    assertEquals(List.of(1.0, 2.5), it.attribute("mixed"));
    assertEquals(List.of(1L, 2L), it.attribute("ints"));
  }

  @Test
  void blankLinesAreSkippedAndLinesArePhysical() throws IOException {
    Path f =
        TestFiles.text(
            dir,
            "items.jsonl",
            "\n  \n{\"id\": 1, \"vector\": [1]}\r\n\t\r\n{\"id\": 2, \"vector\": [2]}\r"
                + "{\"id\": 3, \"vector\": [3]}");
    try (ItemSource s = ItemSources.open(ItemFiles.jsonl(f), null)) {
      assertEquals(0, s.position());
      assertEquals(3, s.next().line());
      assertEquals(3, s.position());
      assertEquals(5, s.next().line());
      Item third = s.next();
      assertEquals(6, third.line());
      assertArrayEquals(new float[] {3}, third.vector());
      assertNull(s.next());
      assertNull(s.next(), "stays at the end");
      assertEquals(3, s.count());
    }
  }

  @Test
  void utf8ByteOrderMarkAtStartIsTolerated() throws IOException {
    Path f = dir.resolve("bom.jsonl");
    byte[] body = "{\"id\": \"é\", \"vector\": [1]}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(f, bytes);
    Item it = TestFiles.readAll(ItemFiles.jsonl(f), null).get(0);
    assertEquals(ItemId.of("é"), it.id());
    assertEquals(1, ItemSources.countItems(ItemFiles.jsonl(f)));
  }

  @Test
  void veryLongLinesAreFine() throws IOException {
    int dim = 60_000;
    StringBuilder v = new StringBuilder("[");
    for (int i = 0; i < dim; i++) {
      v.append(i == 0 ? "" : ", ").append(i * 0.5);
    }
    v.append(']');
    String big = "x".repeat(3_000_000);
    Path f =
        TestFiles.lines(
            dir,
            "long.jsonl",
            "{\"id\": 1, \"vector\": " + v + ", \"attributes\": {\"s\": \"" + big + "\"}}",
            "{\"id\": 2, \"vector\": " + v + "}");
    List<Item> items = TestFiles.readAll(ItemFiles.jsonl(f), null);
    assertEquals(2, items.size());
    assertEquals(dim, items.get(0).vector().length);
    assertEquals(29_999.5f, items.get(1).vector()[dim - 1]);
    assertEquals(big, items.get(0).attribute("s").get(0));
    assertEquals(2, items.get(1).line());
  }

  @Test
  void readsAreDeterministicAcrossOpens() throws IOException {
    Path f =
        TestFiles.lines(
            dir,
            "items.jsonl",
            "{\"id\": 1, \"vector\": [1, 2], \"attributes\": {\"t\": [\"a\", \"b\"]}}",
            "{\"id\": 2, \"vector\": [3, 4]}");
    List<Item> first = TestFiles.readAll(ItemFiles.jsonl(f), null);
    List<Item> second = TestFiles.readAll(ItemFiles.jsonl(f), null);
    assertEquals(first.toString(), second.toString());
  }

  @Test
  void floatsAreParsedWithFloatRounding() throws IOException {
    Path f =
        TestFiles.lines(
            dir, "items.jsonl", "{\"id\": 1, \"vector\": [0.1, 16777217, 1e-50, -0.0, 3.4e38]}");
    float[] v = TestFiles.readAll(ItemFiles.jsonl(f), null).get(0).vector();
    assertArrayEquals(new float[] {0.1f, 16777216f, 0f, -0.0f, 3.4e38f}, v);
  }
}
