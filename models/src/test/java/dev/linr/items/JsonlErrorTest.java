package dev.linr.items;

import static dev.linr.items.TestFiles.assertError;
import static dev.linr.items.TestFiles.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON Lines error names the file, the physical line and the field. */
class JsonlErrorTest {
  @TempDir Path dir;

  private static final String OK1 = "{\"id\": 1, \"vector\": [1, 2, 3, 4]}";
  private static final String OK2 = "{\"id\": 2, \"vector\": [1, 2, 3, 4]}";

  private static final IndexSchema SCHEMA =
      IndexSchema.builder()
          .setDimension(4)
          .addAttribute(new AttributeSpec("geo", AttributeType.STRING, false))
          .addAttribute(new AttributeSpec("company", AttributeType.INT, false))
          .addAttribute(new AttributeSpec("skills", AttributeType.STRING, true))
          .addAttribute(new AttributeSpec("quality", AttributeType.FLOAT, false))
          .addAttribute(new AttributeSpec("sponsored", AttributeType.BOOL, false))
          .build();

  /** Writes OK1, a blank line, OK2, then {@code bad} on line 4; returns the error. */
  private ItemInputException errorOnLine4(String bad, IndexSchema schema) throws IOException {
    Path f = TestFiles.lines(dir, "items.jsonl", OK1, "", OK2, bad, OK1);
    return failure(ItemFiles.jsonl(f), schema);
  }

  private void check(String bad, IndexSchema schema, String field, String reason)
      throws IOException {
    ItemInputException e = errorOnLine4(bad, schema);
    assertError(e, dir.resolve("items.jsonl"), 4, field, reason);
  }

  @Test
  void vectorDimensionMismatchNamesTheOrigin() throws IOException {
    Path f =
        TestFiles.lines(
            dir, "items.jsonl", OK1, OK2, "", "", "", "", "{\"id\": 7, \"vector\": [1, 2, 3]}");
    assertError(
        failure(ItemFiles.jsonl(f), null),
        f,
        7,
        "vector",
        "vector has 3 values, expected 4 (from line 1)");
    Path g = TestFiles.lines(dir, "g.jsonl", "{\"id\": 7, \"vector\": [1, 2, 3, 4, 5, 6]}");
    assertError(
        failure(ItemFiles.jsonl(g), SCHEMA),
        g,
        1,
        "vector",
        "vector has 6 values, expected 4 (from the schema)");
  }

  @Test
  void emptyVector() throws IOException {
    check(
        "{\"id\": 3, \"vector\": []}",
        null,
        "vector",
        "vector is empty; expected 4 values (from line 1)");
    Path f = TestFiles.lines(dir, "e.jsonl", "{\"id\": 3, \"vector\": []}");
    assertError(failure(ItemFiles.jsonl(f), null), f, 1, "vector", "vector is empty");
  }

  @Test
  void nanAndInfinityAreRejectedNamingTheElement() throws IOException {
    check(
        "{\"id\": 3, \"vector\": [1, 2, NaN, 4]}",
        null,
        "vector",
        "vector element 2 is NaN; values must be finite numbers (JSON has no NaN or Infinity)");
    check(
        "{\"id\": 3, \"vector\": [Infinity, 2, 3, 4]}",
        null,
        "vector",
        "vector element 0 is Infinity; values must be finite numbers (JSON has no NaN or"
            + " Infinity)");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, -Infinity]}",
        null,
        "vector",
        "vector element 3 is -Infinity; values must be finite numbers (JSON has no NaN or"
            + " Infinity)");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 1e39]}",
        null,
        "vector",
        "vector element 3 (1e39) is outside the float32 range");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": {\"quality\": NaN}}",
        SCHEMA,
        "attributes.quality",
        "attribute 'quality' is NaN; values must be finite numbers (JSON has no NaN or"
            + " Infinity)");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": {\"w\": [1, -inf]}}",
        null,
        "attributes.w",
        "attribute 'w' element 1 is -inf; values must be finite numbers (JSON has no NaN or"
            + " Infinity)");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": {\"quality\": 1e400}}",
        SCHEMA,
        "attributes.quality",
        "attribute 'quality': 1e400 is outside the float64 range");
  }

  @Test
  void vectorElementsMustBeNumbers() throws IOException {
    check(
        "{\"id\": 3, \"vector\": [1, \"2\", 3, 4]}",
        null,
        "vector",
        "vector element 1 is string \"2\"; expected a number");
    check(
        "{\"id\": 3, \"vector\": [1, 2, null, 4]}",
        null,
        "vector",
        "vector element 2 is null; expected a number");
    check(
        "{\"id\": 3, \"vector\": [[1], 2, 3, 4]}",
        null,
        "vector",
        "vector element 0 is an array; expected a number");
    check(
        "{\"id\": 3, \"vector\": \"1,2,3,4\"}",
        null,
        "vector",
        "vector must be an array of numbers, got string \"1,2,3,4\"");
    check("{\"id\": 3}", null, "vector", "missing field 'vector'");
  }

  @Test
  void malformedJsonGivesGsonsReason() throws IOException {
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4}",
        null,
        "vector",
        "malformed JSON: Unterminated array at column 33 path $.vector[4]");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4]",
        null,
        "vector",
        "malformed JSON: End of input at column 33 path $.vector");
    check("{'id': 3}", null, null, "malformed JSON: unexpected character at column 3 path $.");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4]} {}",
        null,
        null,
        "unexpected text after the JSON object");
    check("[1, 2]", null, null, "expected a JSON object, got an array");
    check("42", null, null, "expected a JSON object, got number 42");
  }

  @Test
  void unknownAndDuplicateFields() throws IOException {
    check(
        "{\"id\": 3, \"vectr\": [1, 2, 3, 4]}",
        null,
        "vectr",
        "unknown field 'vectr'; expected id, vector, attributes, expires_at");
    check("{\"id\": 3, \"id\": 4, \"vector\": [1, 2, 3, 4]}", null, "id", "duplicate field 'id'");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": {\"a\": 1, \"a\": 2}}",
        null,
        "attributes.a",
        "duplicate attribute 'a'");
  }

  @Test
  void idRules() throws IOException {
    check(
        "{\"id\": 1.5, \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id must be an integer or a string, got number 1.5 (integer ids have no fraction or"
            + " exponent)");
    check(
        "{\"id\": 1e30, \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id must be an integer or a string, got number 1e30 (integer ids have no fraction or"
            + " exponent)");
    check(
        "{\"id\": 9223372036854775808, \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id 9223372036854775808 is outside the 64-bit integer range");
    check("{\"id\": \"\", \"vector\": [1, 2, 3, 4]}", null, "id", "id must not be an empty string");
    check(
        "{\"id\": null, \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id must be an integer or a string, got null");
    check(
        "{\"id\": true, \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id must be an integer or a string, got bool true");
    check("{\"vector\": [1, 2, 3, 4]}", null, "id", "missing field 'id'");
  }

  @Test
  void idsOfOneInputAreOfOneKind() throws IOException {
    check(
        "{\"id\": \"p-3\", \"vector\": [1, 2, 3, 4]}",
        null,
        "id",
        "id \"p-3\" is a string but the id on line 1 is an integer; all ids must be of one kind");
    Path f =
        TestFiles.lines(
            dir, "s.jsonl", "", "{\"id\": \"a\", \"vector\": [1]}", "{\"id\": 5, \"vector\": [1]}");
    assertError(
        failure(ItemFiles.jsonl(f), null),
        f,
        3,
        "id",
        "id 5 is an integer but the id on line 2 is a string; all ids must be of one kind");
    IndexSchema stringIds = SCHEMA.toBuilder().optIdType(IdType.STRING).build();
    Path g =
        TestFiles.lines(
            dir,
            "g.jsonl",
            "{\"id\": \"a\", \"vector\": [1, 2, 3, 4]}",
            "{\"id\": 1, \"vector\": []}");
    assertError(
        failure(ItemFiles.jsonl(g), stringIds),
        g,
        2,
        "id",
        "id 1 is an integer but the schema's id_type is string; all ids must be of one kind");
  }

  @Test
  void expiresAtMustBeAnInteger() throws IOException {
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"expires_at\": 1.5}",
        null,
        "expires_at",
        "expires_at must be an integer (epoch seconds), got number 1.5");
    check(
        "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"expires_at\": \"2025\"}",
        null,
        "expires_at",
        "expires_at must be an integer (epoch seconds), got string \"2025\"");
  }

  @Test
  void attributesAgainstTheSchema() throws IOException {
    String head = "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": ";
    check(
        head + "{\"country\": \"us\"}}",
        SCHEMA,
        "attributes.country",
        "attribute 'country' is not in the schema (schema attributes: geo, company, skills,"
            + " quality, sponsored)");
    check(
        head + "{\"company\": \"acme\"}}",
        SCHEMA,
        "attributes.company",
        "attribute 'company': expected int, got string \"acme\"");
    check(
        head + "{\"company\": 1.5}}",
        SCHEMA,
        "attributes.company",
        "attribute 'company': expected int, got number 1.5");
    check(
        head + "{\"company\": 1.0}}",
        SCHEMA,
        "attributes.company",
        "attribute 'company': expected int, got number 1.0");
    check(
        head + "{\"company\": [1, 2]}}",
        SCHEMA,
        "attributes.company",
        "attribute 'company': expected a single int, got an array (declare it as int[] to allow"
            + " several values)");
    check(
        head + "{\"geo\": 5}}",
        SCHEMA,
        "attributes.geo",
        "attribute 'geo': expected string, got number 5");
    check(
        head + "{\"sponsored\": \"no\"}}",
        SCHEMA,
        "attributes.sponsored",
        "attribute 'sponsored': expected bool, got string \"no\"");
    check(
        head + "{\"quality\": true}}",
        SCHEMA,
        "attributes.quality",
        "attribute 'quality': expected float, got bool true");
    check(
        head + "{\"skills\": [\"java\", 7]}}",
        SCHEMA,
        "attributes.skills",
        "attribute 'skills' element 1: expected string, got number 7");
    check(
        head + "{\"company\": 99999999999999999999}}",
        SCHEMA,
        "attributes.company",
        "attribute 'company': integer 99999999999999999999 is outside the 64-bit range");
    IndexSchema none = IndexSchema.builder().setDimension(4).build();
    check(
        head + "{\"geo\": \"us\"}}",
        none,
        "attributes.geo",
        "attribute 'geo' is not in the schema (the schema declares no attributes)");
  }

  @Test
  void attributeShapes() throws IOException {
    String head = "{\"id\": 3, \"vector\": [1, 2, 3, 4], \"attributes\": ";
    check(head + "[1]}", null, "attributes", "attributes must be an object, got an array");
    check(
        head + "{\"o\": {\"x\": 1}}}",
        null,
        "attributes.o",
        "attribute 'o' must be a string, number, bool or an array of those, got an object");
    check(
        head + "{\"t\": [\"a\", null]}}",
        null,
        "attributes.t",
        "attribute 't' element 1 is null; arrays must not hold nulls");
    check(
        head + "{\"t\": [[\"a\"]]}}",
        null,
        "attributes.t",
        "attribute 't' element 0 is an array; values must be strings, numbers or bools (no"
            + " nesting)");
    check(
        head + "{\"t\": [\"a\", 1]}}",
        null,
        "attributes.t",
        "attribute 't' mixes string and int values in one array (element 1)");
    check(
        head + "{\"my-attr\": 1}}",
        null,
        "attributes.my-attr",
        "attribute name 'my-attr' is invalid: use a letter or underscore, then letters, digits or"
            + " underscores (at most 64)");
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    byte[] a = (OK1 + "\n" + OK2 + "\n").getBytes();
    byte[] b = "{\"id\": \"\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Files.write(f, all);
    assertError(
        failure(ItemFiles.jsonl(f), null),
        f,
        3,
        null,
        "not valid UTF-8 (bad byte at offset 8 of the line)");
  }

  @Test
  void emptyInputIsAnError() throws IOException {
    for (String text : new String[] {"", "\n\n  \n", "\uFEFF\n"}) {
      Path f = TestFiles.text(dir, "empty.jsonl", text);
      ItemInputException e = failure(ItemFiles.jsonl(f), null);
      assertEquals("no items in " + f, e.getMessage());
      assertEquals(0, e.line());
      assertEquals(0, ItemSources.countItems(ItemFiles.jsonl(f)));
    }
  }

  @Test
  void errorsComeAfterTheValidItemsBeforeThem() throws IOException {
    Path f = TestFiles.lines(dir, "items.jsonl", OK1, OK2, "{\"id\": 3, \"vector\": [1]}");
    try (ItemSource s = ItemSources.open(ItemFiles.jsonl(f), null)) {
      s.next();
      s.next();
      ItemInputException e =
          org.junit.jupiter.api.Assertions.assertThrows(ItemInputException.class, s::next);
      assertTrue(e.getMessage().startsWith(f + ":3: vector has 1 values, expected 4"));
      assertEquals(2, s.position());
    }
  }
}
