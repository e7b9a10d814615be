package dev.linr.translate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.Input;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.Test;

class IndexServingTranslatorTest {
  private static Input request(String header, String contentType) {
    Input input = new Input();
    if (header != null) {
      input.addProperty(header, contentType);
    }
    input.add("data", "{\"vector\": [1, 2], \"k\": 1}");
    return input;
  }

  @Test
  void csvBodyIsRejectedBeforeParsing() {
    TranslateException e =
        assertThrows(
            TranslateException.class,
            () ->
                new IndexServingTranslator()
                    .processInput(null, request("Content-Type", "text/csv")));
    assertEquals("Content-Type must be application/json, got: text/csv", e.getMessage());
  }

  @Test
  void contentTypeIsFoundInAnyCase() {
    TranslateException e =
        assertThrows(
            TranslateException.class,
            () ->
                IndexServingTranslator.checkContentType(
                    request("content-type", "application/x-www-form-urlencoded")));
    assertEquals(
        "Content-Type must be application/json, got: application/x-www-form-urlencoded",
        e.getMessage());
  }

  @Test
  void jsonWithCharsetIsAccepted() {
    assertDoesNotThrow(
        () ->
            IndexServingTranslator.checkContentType(
                request("Content-Type", "Application/JSON; charset=utf-8")));
  }

  @Test
  void plusJsonTypeIsAccepted() {
    assertDoesNotThrow(
        () ->
            IndexServingTranslator.checkContentType(
                request("Content-Type", "application/vnd.linr.search+json")));
  }

  @Test
  void missingContentTypeIsAccepted() {
    assertDoesNotThrow(() -> IndexServingTranslator.checkContentType(request(null, null)));
  }

  @Test
  void jsonLookalikeIsRejected() {
    assertThrows(
        TranslateException.class,
        () -> IndexServingTranslator.checkContentType(request("Content-Type", "text/jsonx")));
  }
}
