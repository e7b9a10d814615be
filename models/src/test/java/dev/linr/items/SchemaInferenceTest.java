package dev.linr.items;

import static dev.linr.items.TestFiles.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInferenceTest {
  @TempDir Path dir;

  private InferredInput infer(String... lines) throws IOException {
    return SchemaInference.infer(
        ItemFiles.jsonl(TestFiles.lines(dir, "items.jsonl", lines)), null, null);
  }

  private ItemInputException inferFails(String... lines) throws IOException {
    ItemFiles files = ItemFiles.jsonl(TestFiles.lines(dir, "items.jsonl", lines));
    return assertThrows(ItemInputException.class, () -> SchemaInference.infer(files, null, null));
  }

  @Test
  void infersEveryTypeAndMultiValued() throws IOException {
    InferredInput in =
        infer(
            "{\"id\": 1, \"vector\": [1, 2, 3], \"attributes\": {\"geo\": \"us\", \"company\": 5,"
                + " \"skills\": \"java\", \"quality\": 1, \"sponsored\": false}}",
            "",
            "{\"id\": 2, \"vector\": [1, 2, 3], \"attributes\": {\"skills\": [\"ml\", \"go\"],"
                + " \"quality\": 0.5, \"posted_at\": 1764115200, \"w\": 1e2, \"tags\": []}}",
            "{\"id\": 3, \"vector\": [1, 2, 3], \"attributes\": {\"n\": null, \"mix\": [1, 2.5]}}");
    assertEquals(3, in.count());
    IndexSchema s = in.schema();
    assertEquals(3, s.dimension());
    assertEquals(IdType.INT, s.idType());
    assertEquals(Metric.DOT, s.metric());
    assertEquals(StorageType.FLOAT32, s.dtype());
    assertEquals(
        List.of(
            new AttributeSpec("geo", AttributeType.STRING, false),
            new AttributeSpec("company", AttributeType.INT, false),
            new AttributeSpec("skills", AttributeType.STRING, true),
            new AttributeSpec("quality", AttributeType.FLOAT, false),
            new AttributeSpec("sponsored", AttributeType.BOOL, false),
            new AttributeSpec("posted_at", AttributeType.INT, false),
            new AttributeSpec("w", AttributeType.FLOAT, false),
            new AttributeSpec("tags", AttributeType.STRING, true),
            new AttributeSpec("n", AttributeType.STRING, false),
            new AttributeSpec("mix", AttributeType.FLOAT, true)),
        s.attributes());
  }

  @Test
  void metricAndDtypeComeFromTheCaller() throws IOException {
    ItemFiles files =
        ItemFiles.jsonl(TestFiles.lines(dir, "items.jsonl", "{\"id\": \"a\", \"vector\": [1]}"));
    IndexSchema s = SchemaInference.infer(files, Metric.COSINE, StorageType.FLOAT16).schema();
    assertEquals(Metric.COSINE, s.metric());
    assertEquals(StorageType.FLOAT16, s.dtype());
    assertEquals(IdType.STRING, s.idType());
  }

  @Test
  void theInferredSchemaAcceptsTheInput() throws IOException {
    ItemFiles files =
        ItemFiles.jsonl(
            TestFiles.lines(
                dir,
                "items.jsonl",
                "{\"id\": 1, \"vector\": [1], \"attributes\": {\"q\": 1, \"t\": \"a\"}}",
                "{\"id\": 2, \"vector\": [2], \"attributes\": {\"q\": 2.5, \"t\": [\"b\"]}}"));
    InferredInput in = SchemaInference.infer(files, null, null);
    assertEquals(2, ItemSources.validate(files, in.schema()));
    List<Item> items = TestFiles.readAll(files, in.schema());
    assertEquals(List.of(1.0), items.get(0).attribute("q"));
    assertEquals(List.of("a"), items.get(0).attribute("t"));
  }

  @Test
  void stringMixedWithNumbersNamesBothLines() throws IOException {
    ItemInputException e =
        inferFails(
            "{\"id\": 1, \"vector\": [1], \"attributes\": {\"company\": 1234}}",
            "{\"id\": 2, \"vector\": [1]}",
            "{\"id\": 3, \"vector\": [1], \"attributes\": {\"company\": 2.5}}",
            "{\"id\": 4, \"vector\": [1], \"attributes\": {\"company\": [\"acme\"]}}");
    assertError(
        e,
        dir.resolve("items.jsonl"),
        4,
        "attributes.company",
        "attribute 'company' is a string here but a number on line 1; an attribute must have one"
            + " type");
    e =
        inferFails(
            "{\"id\": 1, \"vector\": [1], \"attributes\": {\"flag\": true}}",
            "{\"id\": 3, \"vector\": [1], \"attributes\": {\"flag\": 1}}");
    assertError(
        e,
        dir.resolve("items.jsonl"),
        2,
        "attributes.flag",
        "attribute 'flag' is a number here but a bool on line 1; an attribute must have one type");
  }

  @Test
  void mixedIdKindsAreAnError() throws IOException {
    ItemInputException e =
        inferFails("{\"id\": \"a\", \"vector\": [1]}", "{\"id\": 2, \"vector\": [1]}");
    assertError(
        e,
        dir.resolve("items.jsonl"),
        2,
        "id",
        "id 2 is an integer but the id on line 1 is a string; all ids must be of one kind");
  }

  @Test
  void dimensionComesFromTheFirstVector() throws IOException {
    assertEquals(2, infer("{\"id\": 1, \"vector\": [1, 2]}").schema().dimension());
    ItemInputException e =
        inferFails("{\"id\": 1, \"vector\": [1, 2]}", "{\"id\": 2, \"vector\": [1, 2, 3]}");
    assertEquals(
        dir.resolve("items.jsonl") + ":2: vector has 3 values, expected 2 (from line 1)",
        e.getMessage());
  }

  @Test
  void emptyInputSaysNoItems() throws IOException {
    ItemFiles files = ItemFiles.jsonl(TestFiles.text(dir, "empty.jsonl", "\n \n"));
    assertEquals(
        "no items in " + dir.resolve("empty.jsonl"),
        assertThrows(ItemInputException.class, () -> SchemaInference.infer(files, null, null))
            .getMessage());
  }
}
