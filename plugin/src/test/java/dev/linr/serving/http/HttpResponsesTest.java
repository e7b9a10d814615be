package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.modality.Output;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponsesTest {
  @Test
  void codePropertiesAndDataBecomeStatusHeadersAndBody() {
    Output out = new Output(201, "Created");
    out.addProperty("Content-Type", "application/json");
    out.addProperty("X-Model", "posts");
    out.add("{\"hits\": []}");
    HttpReply r = HttpResponses.fromOutput(out);
    assertEquals(201, r.status());
    assertEquals(Map.of("Content-Type", "application/json", "X-Model", "posts"), r.headers());
    assertArrayEquals("{\"hits\": []}".getBytes(StandardCharsets.UTF_8), r.body());
  }

  @Test
  void framingPropertiesAreDropped() {
    Output out = new Output();
    out.addProperty("Content-Length", "3");
    out.addProperty("Connection", "close");
    out.addProperty("x-request-id", "model-made");
    out.add("abc");
    assertEquals(Map.of(), HttpResponses.fromOutput(out).headers());
  }

  @Test
  void outputWithoutDataHasAnEmptyBody() {
    HttpReply r = HttpResponses.fromOutput(new Output());
    assertEquals(200, r.status());
    assertEquals(0, r.body().length);
  }
}
