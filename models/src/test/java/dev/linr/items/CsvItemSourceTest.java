package dev.linr.items;

import static dev.linr.items.TestFiles.assertError;
import static dev.linr.items.TestFiles.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .npy vectors file with CSV metadata. */
class CsvItemSourceTest {
  @TempDir Path dir;

  private Path vectors(int rows) throws IOException {
    float[][] v = new float[rows][2];
    for (int i = 0; i < rows; i++) {
      v[i] = new float[] {i, -i};
    }
    return TestFiles.npyF4(dir, "vectors.npy", v);
  }

  private ItemFiles csv(int rows, String... lines) throws IOException {
    return ItemFiles.npy(vectors(rows), TestFiles.lines(dir, "items.csv", lines));
  }

  private Path csvPath() {
    return dir.resolve("items.csv");
  }

  @Test
  void roundTripWithInferredTypes() throws IOException {
    ItemFiles files =
        csv(
            3,
            "id,geo,company,skills[],quality,sponsored,expires_at",
            "42,us,1234,java|ml,0.72,false,1800000000",
            "43,\"de, berlin\",,python,1,TRUE,",
            "44,fr,7,,-1e3,false,");
    assertEquals(ItemFiles.Format.CSV, files.format());
    List<Item> items = TestFiles.readAll(files, null);
    assertEquals(3, items.size());
    Item a = items.get(0);
    assertEquals(ItemId.of(42), a.id());
    assertArrayEquals(new float[] {0, 0}, a.vector());
    assertEquals(
        Map.of(
            "geo", List.of("us"),
            "company", List.of(1234L),
            "skills", List.of("java", "ml"),
            "quality", List.of(0.72),
            "sponsored", List.of(false)),
        a.attributes());
    assertEquals(OptionalLong.of(1800000000L), a.expiresAt());
    assertEquals(2, a.line());
    Item b = items.get(1);
    assertArrayEquals(new float[] {1, -1}, b.vector());
    assertEquals(
        Map.of(
            "geo", List.of("de, berlin"),
            "skills", List.of("python"),
            "quality", List.of(1.0),
            "sponsored", List.of(true)),
        b.attributes());
    assertEquals(OptionalLong.empty(), b.expiresAt());
    assertEquals(List.of(-1000.0), items.get(2).attribute("quality"));
    assertEquals(List.of(), items.get(2).attribute("skills"));
  }

  @Test
  void rfc4180Quoting() throws IOException {
    ItemFiles files =
        csv(
            4,
            "id,note,tags[]",
            "a,\"say \"\"hi\"\", ok\",\"x|y, z\"",
            "b,\"two",
            "lines, \"\"quoted\"\"\",",
            "",
            "c, \"spaced\" ,plain",
            "d,\"\",\"\"");
    List<Item> items = TestFiles.readAll(files, null);
    assertEquals(List.of("say \"hi\", ok"), items.get(0).attribute("note"));
    assertEquals(List.of("x", "y, z"), items.get(0).attribute("tags"));
    assertEquals(List.of("two\nlines, \"quoted\""), items.get(1).attribute("note"));
    assertEquals(3, items.get(1).line());
    assertEquals(List.of("spaced"), items.get(2).attribute("note"));
    assertEquals(6, items.get(2).line());
    assertEquals(Map.of(), items.get(3).attributes(), "empty quoted cells are missing");
    assertEquals(ItemId.of("d"), items.get(3).id());
    assertEquals(4, ItemSources.countItems(files));
  }

  @Test
  void typesFromTheSchema() throws IOException {
    IndexSchema schema =
        IndexSchema.builder()
            .setDimension(2)
            .optIdType(IdType.STRING)
            .addAttribute(new AttributeSpec("company", AttributeType.STRING, false))
            .addAttribute(new AttributeSpec("score", AttributeType.FLOAT, false))
            .addAttribute(new AttributeSpec("skills", AttributeType.INT, true))
            .addAttribute(new AttributeSpec("unused", AttributeType.BOOL, false))
            .build();
    ItemFiles files = csv(2, "id,company,score,skills", "007,1234,5,1|2| 3 ", "8,acme,2.5,4");
    List<Item> items = TestFiles.readAll(files, schema);
    assertEquals(ItemId.of("007"), items.get(0).id());
    assertEquals(List.of("1234"), items.get(0).attribute("company"));
    assertEquals(List.of(5.0), items.get(0).attribute("score"));
    assertEquals(List.of(1L, 2L, 3L), items.get(0).attribute("skills"));
    assertEquals(List.of(4L), items.get(1).attribute("skills"));
  }

  @Test
  void inferenceRules() throws IOException {
    ItemFiles files =
        csv(
            3,
            "id,i,f,b,s,mixed,empty,multi[]",
            "x1,1,1,true,a,1,,1|2.5",
            "x2,-2,2.5,False,b,true,,",
            "x3,,1e3,,c,x,,3");
    IndexSchema schema = SchemaInference.infer(files, null, null).schema();
    assertEquals(IdType.STRING, schema.idType());
    assertEquals(2, schema.dimension());
    assertEquals(
        List.of(
            new AttributeSpec("i", AttributeType.INT, false),
            new AttributeSpec("f", AttributeType.FLOAT, false),
            new AttributeSpec("b", AttributeType.BOOL, false),
            new AttributeSpec("s", AttributeType.STRING, false),
            new AttributeSpec("mixed", AttributeType.STRING, false),
            new AttributeSpec("empty", AttributeType.STRING, false),
            new AttributeSpec("multi", AttributeType.FLOAT, true)),
        schema.attributes());
    List<Item> items = TestFiles.readAll(files, null);
    assertEquals(List.of(1.0, 2.5), items.get(0).attribute("multi"));
    assertEquals(List.of("true"), items.get(1).attribute("mixed"));
    assertEquals(List.of(false), items.get(1).attribute("b"));
  }

  @Test
  void integerIdsAreInferred() throws IOException {
    ItemFiles files = csv(2, "id,geo", "1,us", " 2 ,de");
    assertEquals(IdType.INT, SchemaInference.infer(files, null, null).schema().idType());
    assertEquals(ItemId.of(2), TestFiles.readAll(files, null).get(1).id());
  }

  @Test
  void rowErrors() throws IOException {
    Path f = csvPath();
    assertError(
        failure(csv(3, "id,geo", "1,us", "2,de,extra", "3,fr"), null),
        f,
        3,
        null,
        "row has 3 fields but the header has 2");
    assertError(failure(csv(2, "id,geo", "1,us", ",de"), null), f, 3, "id", "missing id");
    IndexSchema schema =
        IndexSchema.builder()
            .setDimension(2)
            .addAttribute(new AttributeSpec("n", AttributeType.INT, false))
            .addAttribute(new AttributeSpec("t", AttributeType.BOOL, true))
            .build();
    assertError(
        failure(csv(2, "id,n", "1,5", "2,5.5"), schema),
        f,
        3,
        "attributes.n",
        "attribute 'n': expected int, got \"5.5\"");
    assertError(
        failure(csv(2, "id,t", "1,true", "2,true|maybe"), schema),
        f,
        3,
        "attributes.t",
        "attribute 't' element 1: expected bool, got \"maybe\"");
    assertError(
        failure(csv(2, "id,n", "1,5", "x,5"), schema),
        f,
        3,
        "id",
        "id must be an integer (id_type int), got \"x\"");
    assertError(
        failure(csv(1, "id,expires_at", "1,soon"), null),
        f,
        2,
        "expires_at",
        "expires_at must be an integer (epoch seconds), got \"soon\"");
  }

  @Test
  void quotingErrors() throws IOException {
    Path f = csvPath();
    assertError(
        failure(csv(3, "id,geo", "1,us", "2,\"de", "3,fr"), null),
        f,
        3,
        null,
        "unterminated quoted field: the quote at column 3 is never closed");
    assertError(
        failure(csv(2, "id,geo", "1,us", "2,d\"e\""), null),
        f,
        3,
        null,
        "stray quote at column 4 inside an unquoted field; quote the whole field and double the"
            + " quotes inside it (\"\")");
    assertError(
        failure(csv(2, "id,geo", "1,\"a\nb\"c", "2,x"), null),
        f,
        3,
        null,
        "unexpected character 'c' at column 3 after a closing quote; a quoted field must end at a"
            + " comma or the end of the line");
  }

  @Test
  void headerErrors() throws IOException {
    Path f = csvPath();
    assertError(
        failure(csv(1, "\ngeo,company", "us,1"), null),
        f,
        2,
        "id",
        "the header has no 'id' column (columns: geo, company)");
    assertError(
        failure(csv(1, "id,geo,geo[]", "1,us,us"), null), f, 1, "geo", "duplicate column 'geo'");
    assertError(
        failure(csv(1, "id,vector", "1,\"[1,2]\""), null),
        f,
        1,
        "vector",
        "column 'vector' is not allowed: vectors come from the .npy file");
    assertError(
        failure(csv(1, "id,my col", "1,x"), null),
        f,
        1,
        "my col",
        "attribute name 'my col' is invalid: use a letter or underscore, then letters, digits or"
            + " underscores (at most 64)");
    assertError(
        failure(csv(1, "id,,geo", "1,,x"), null), f, 1, null, "column 2 of the header has no name");
    IndexSchema schema =
        IndexSchema.builder()
            .setDimension(2)
            .addAttribute(new AttributeSpec("geo", AttributeType.STRING, false))
            .build();
    assertError(
        failure(csv(1, "id,geo[]", "1,us"), schema),
        f,
        1,
        "geo",
        "column 'geo[]' is multi-valued but the schema declares geo as string");
    assertError(
        failure(csv(1, "id,geo,city", "1,us,x"), schema),
        f,
        1,
        "city",
        "column 'city' is not in the schema");
  }

  @Test
  void emptyCsvHasNoItems() throws IOException {
    Path npy = TestFiles.npy(dir, "vectors.npy", 1, "<f4", false, "(0, 2)", new byte[0]);
    for (String text : new String[] {"", "\n\n", "id,geo\n", "id,geo\n\n"}) {
      ItemFiles files = ItemFiles.npy(npy, TestFiles.text(dir, "items.csv", text));
      assertEquals("no items in " + csvPath(), failure(files, null).getMessage());
      assertEquals(
          "no items in " + csvPath(),
          org.junit.jupiter.api.Assertions.assertThrows(
                  ItemInputException.class, () -> SchemaInference.infer(files, null, null))
              .getMessage());
      assertEquals(0, ItemSources.countItems(files));
    }
  }
}
