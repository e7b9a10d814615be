package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void clientIdIsEchoed() {
    HttpHeaders h = new DefaultHttpHeaders().set("X-Request-Id", "abc-123");
    assertEquals("abc-123", RequestIds.of(h));
  }

  @Test
  void missingIdIsAFreshUuid() {
    String id = RequestIds.of(new DefaultHttpHeaders());
    assertEquals(id, UUID.fromString(id).toString());
    assertNotEquals(id, RequestIds.of(new DefaultHttpHeaders()));
  }

  @Test
  void idWithSpacesIsReplaced() {
    HttpHeaders h = new DefaultHttpHeaders().set("x-request-id", "a b");
    String id = RequestIds.of(h);
    assertEquals(id, UUID.fromString(id).toString());
  }

  @Test
  void overlongIdIsReplaced() {
    HttpHeaders h = new DefaultHttpHeaders().set("x-request-id", "x".repeat(201));
    assertEquals(36, RequestIds.of(h).length());
  }
}
