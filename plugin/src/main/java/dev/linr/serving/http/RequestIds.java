package dev.linr.serving.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.UUID;

/**
 * The id every response carries in {@code x-request-id}: the client's own, when it sent a usable
 * one (1 to 200 visible ASCII characters), else a fresh random UUID. Stateless.
 */
final class RequestIds {
  static final String HEADER = "x-request-id";
  private static final int MAX_LENGTH = 200;

  private RequestIds() {}

  static String of(HttpHeaders headers) {
    String id = headers.get(HEADER);
    return usable(id) ? id : UUID.randomUUID().toString();
  }

  private static boolean usable(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
