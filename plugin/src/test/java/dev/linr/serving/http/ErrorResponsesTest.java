package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.MalformedModelException;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.query.RequestParseException;
import dev.linr.serving.ConflictException;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
  private static JsonObject error(int code, String type, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("code", code);
    o.addProperty("type", type);
    o.addProperty("message", message);
    return o;
  }

  private static JsonObject body(HttpReply r) {
    return JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static void assertError(Throwable t, int code, String type, String message) {
    HttpReply r = ErrorResponses.reply(t, "req-1");
    assertEquals(code, r.status());
    assertEquals(error(code, type, message), body(r));
  }

  @Test
  void servingExceptionCarriesItsStatus() {
    assertError(
        new ModelNotFoundException("Model or workflow not found: x"),
        404,
        "ModelNotFoundException",
        "Model or workflow not found: x");
  }

  @Test
  void conflictIs409() {
    assertError(new ConflictException("taken"), 409, "ConflictException", "taken");
  }

  @Test
  void fullQueueIs503() {
    assertError(
        new ServiceUnavailableException("queue full"),
        503,
        "ServiceUnavailableException",
        "queue full");
  }

  @Test
  void oversizeBodyIs413() {
    assertError(
        new PayloadTooLargeException("too big"), 413, "PayloadTooLargeException", "too big");
  }

  @Test
  void completionWrappersAreUnwrapped() {
    assertError(
        new CompletionException(new ModelNotFoundException("gone")),
        404,
        "ModelNotFoundException",
        "gone");
  }

  @Test
  void djlModelNotFoundIs404() {
    assertError(
        new ai.djl.repository.zoo.ModelNotFoundException("no model"),
        404,
        "ModelNotFoundException",
        "no model");
  }

  @Test
  void translateFailureFromABadFieldCarriesTheFieldMessage() {
    TranslateException e =
        new TranslateException(
            "search failed", new RequestParseException("k", "k must be at least 1, got: 0"));
    assertError(e, 400, "TranslateException", "k must be at least 1, got: 0");
  }

  @Test
  void otherTranslateFailureIs400WithItsMessage() {
    assertError(
        new TranslateException("Content-Type must be application/json, got: text/csv"),
        400,
        "TranslateException",
        "Content-Type must be application/json, got: text/csv");
  }

  @Test
  void malformedModelIs400() {
    assertError(
        new MalformedModelException("bad archive"), 400, "MalformedModelException", "bad archive");
  }

  @Test
  void illegalArgumentIs400() {
    assertError(
        new IllegalArgumentException("no such file"),
        400,
        "IllegalArgumentException",
        "no such file");
  }

  @Test
  void outOfMemoryIs507() {
    assertError(
        new OutOfMemoryError("Java heap space"), 507, "OutOfMemoryError", "Java heap space");
  }

  @Test
  void anythingElseIs500WithAGenericMessage() {
    HttpReply r = ErrorResponses.reply(new IllegalStateException("secret detail"), "req-9");
    assertEquals(
        error(
            500,
            "InternalServerException",
            "Internal server error; the server log has the details under request id req-9"),
        body(r));
    assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("secret"));
  }

  @Test
  void errorBodyIsPrettyJsonWithAFinalNewline() {
    HttpReply r = ErrorResponses.reply(new ConflictException("taken"), "req-1");
    assertEquals(Map.of("Content-Type", "application/json"), r.headers());
    assertEquals(
        "{\n  \"code\": 409,\n  \"type\": \"ConflictException\",\n  \"message\": \"taken\"\n}\n",
        new String(r.body(), StandardCharsets.UTF_8));
  }
}
