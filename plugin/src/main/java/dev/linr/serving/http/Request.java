package dev.linr.serving.http;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;

/**
 * One routed request: the HTTP request (valid only until the route returns; read what is needed
 * before going asynchronous), its query parameters and the path parameters of the route.
 */
record Request(FullHttpRequest http, QueryParams query, Map<String, String> path) {
  /** A path parameter, or null when the route has none of that name. */
  String path(String name) {
    return path.get(name);
  }
}
