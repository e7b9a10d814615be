package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemBatchesTest {
  private static final String NOT_AN_ARRAY =
      "the body must be a JSON array of items (or JSON Lines with Content-Type"
          + " application/x-ndjson), but ";

  @Test
  void arrayIsSplitAtTopLevelCommasOnly() {
    String a = "{\"id\": \"a,]}\\\"[\", \"vector\": [1, 2], \"attributes\": {\"x\": [[1], {}]}}";
    String b = "{\"id\": 2, \"vector\": [3, 4]}";
    assertEquals(
        List.of(a, b), ItemBatches.split("application/json", " [ " + a + " ,\n" + b + " ] "));
  }

  @Test
  void emptyArrayHasNoItems() {
    assertEquals(List.of(), ItemBatches.split(null, " [ ] "));
  }

  @Test
  void malformedElementsStayItemsOfTheirOwn() {
    assertEquals(
        List.of("1", "", "{\"id\": 2, \"vector\": [1, NaN]}", "x"),
        ItemBatches.split(
            "application/json; charset=utf-8", "[1,,{\"id\": 2, \"vector\": [1, NaN]}, x]"));
  }

  @Test
  void jsonLinesAreSplitAtLineEndsSkippingBlankLines() {
    assertEquals(
        List.of("{\"id\": 1}", "{\"id\": 2, \"v\": [1,", "[not json"),
        ItemBatches.split(
            "Application/X-NDJSON", "{\"id\": 1}\r\n\n  \n{\"id\": 2, \"v\": [1,\n[not json"));
  }

  @Test
  void aBodyThatIsNotAnArrayIsRefused() {
    assertEquals(
        NOT_AN_ARRAY + "it does not start with '['",
        assertThrows(BadRequestException.class, () -> ItemBatches.split(null, "{\"id\": 1}"))
            .getMessage());
    assertEquals(
        NOT_AN_ARRAY + "it has no closing ']'",
        assertThrows(BadRequestException.class, () -> ItemBatches.split(null, "[{\"id\": 1}"))
            .getMessage());
    assertEquals(
        NOT_AN_ARRAY + "text follows its closing ']'",
        assertThrows(BadRequestException.class, () -> ItemBatches.split(null, "[1] [2]"))
            .getMessage());
    assertEquals(
        NOT_AN_ARRAY + "an unmatched '}' at character 2",
        assertThrows(BadRequestException.class, () -> ItemBatches.split(null, "[1}]"))
            .getMessage());
  }

  @Test
  void anotherContentTypeIsRefusedNamingTheSupportedOnes() {
    assertEquals(
        "Content-Type text/csv is not supported for items; send a JSON array of items as"
            + " application/json or JSON Lines as application/x-ndjson",
        assertThrows(BadRequestException.class, () -> ItemBatches.split("text/csv", "a,b"))
            .getMessage());
  }
}
