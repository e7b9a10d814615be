package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.Input;
import dev.linr.serving.BadRequestException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpInputsTest {
  private static FullHttpRequest post(String uri, String contentType, String body) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      r.headers().set("Content-Type", contentType);
    }
    return r;
  }

  private static Input input(FullHttpRequest r) {
    try {
      return HttpInputs.toInput(r, new QueryStringDecoder(r.uri()));
    } finally {
      r.release();
    }
  }

  @Test
  void queryParametersBecomeEntriesBeforeTheBody() {
    Input in = input(post("/predictions/posts?a=1&a=2&b=x", "application/json", "{}"));
    assertEquals(List.of("a", "a", "b", "data"), in.getContent().keys());
    assertEquals("2", in.getAsString(1));
    assertEquals("x", in.getAsString("b"));
  }

  @Test
  void bodyIsTheDataEntry() {
    Input in = input(post("/predictions/posts", "application/json", "{\"k\": 3}"));
    assertEquals("{\"k\": 3}", in.getData().getAsString());
  }

  @Test
  void headersArePropertiesInAnyCase() {
    FullHttpRequest r = post("/predictions/posts", null, "{}");
    r.headers().set("X-Tenant", "acme");
    assertEquals("acme", input(r).getProperty("x-tenant", null));
  }

  @Test
  void contentTypeIsReducedToTheMimeType() {
    Input in = input(post("/predictions/posts", "application/json; charset=utf-8", "{}"));
    assertEquals("application/json", in.getProperty("Content-Type", null));
  }

  @Test
  void requestWithoutContentTypeHasNone() {
    assertNull(input(post("/predictions/posts", null, "{}")).getProperty("content-type", null));
  }

  @Test
  void formFieldsBecomeEntries() {
    Input in =
        input(
            post(
                "/predictions/posts",
                "application/x-www-form-urlencoded",
                "k=5&vector=%5B1%2C2%5D"));
    assertEquals(List.of("k", "vector"), in.getContent().keys());
    assertEquals("[1,2]", in.getAsString("vector"));
  }

  @Test
  void multipartFieldsAndFilesBecomeEntries() {
    String body =
        "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"data\"; filename=\"q.json\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"k\": 1}\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"k\"\r\n\r\n"
            + "3\r\n"
            + "--XyZ--\r\n";
    Input in = input(post("/predictions/posts", "multipart/form-data; boundary=XyZ", body));
    assertEquals(List.of("data", "k"), in.getContent().keys());
    assertEquals("{\"k\": 1}", in.getAsString("data"));
    assertEquals("3", in.getAsString("k"));
  }

  @Test
  void multipartBodyWithoutItsDelimiterIs400() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                input(
                    post(
                        "/predictions/posts",
                        "multipart/form-data; boundary=XyZ",
                        "no delimiter here\r\n")));
    assertEquals(400, e.status());
  }
}
