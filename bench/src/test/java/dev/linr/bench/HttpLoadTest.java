package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.linr.serving.LinrServer;
import dev.linr.serving.config.LoadModels;
import dev.linr.serving.config.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpLoadTest {
  private static LinrServer server;
  private static HttpLoad http;

  @BeforeAll
  static void start() throws IOException {
    server =
        LinrServer.start(ServerConfig.builder().optPort(0).optLoadModels(LoadModels.NONE).build());
    http = new HttpLoad(server.inferenceAddress().url());
  }

  @AfterAll
  static void stop() {
    http.close();
    server.stop();
  }

  @Test
  void aGetReturnsTheBodyOfA200() throws Exception {
    assertTrue(JsonParser.parseString(http.get("/models")).getAsJsonObject().has("models"));
  }

  @Test
  void anAnswerOtherThan200IsAnErrorNamingTheRequestStatusAndBody() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> http.postJson("/predictions/nope", "{}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        e.getMessage().startsWith("POST /predictions/nope answered 404 instead of 200: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("ModelNotFoundException"), e.getMessage());
  }

  @Test
  void statusIsMinusOneWhereNothingListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (HttpLoad nowhere = new HttpLoad("http://127.0.0.1:" + port)) {
      assertEquals(-1, nowhere.status("/ping"));
    }
  }

  @Test
  void queryParametersAreUrlEncodedInOrder() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("url", "file:/tmp/a b/posts");
    p.put("model_name", "posts_b32");
    assertEquals(
        "/models?url=file%3A%2Ftmp%2Fa+b%2Fposts&model_name=posts_b32",
        HttpLoad.query("/models", p));
  }
}
