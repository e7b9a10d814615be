package dev.linr.serving.http;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;

/**
 * One routed request: the HTTP request (valid only until the route returns; read what is needed
 * before going asynchronous), its query parameters, the path parameters of the route, and the model
 * or workflow that it runs, resolved once so that the request runs and is counted under the same
 * one.
 *
 * @param target the model or workflow an inference route runs ({@link Router.Target}); null when
 *     the request names none and for routes that run none
 */
record Request(FullHttpRequest http, QueryParams query, Map<String, String> path, String target) {
  /** A path parameter, or null when the route has none of that name. */
  String path(String name) {
    return path.get(name);
  }
}
