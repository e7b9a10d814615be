package dev.linr.serving.http;

import dev.linr.serving.MethodNotAllowedException;
import dev.linr.serving.ServingException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Maps a method and path to a route. Patterns are {@code /}-separated segments, literal or {@code
 * {param}} (one non-empty segment); empty segments of a path are ignored, so a trailing slash does
 * not matter. When several routes match a path, the one with the most literal segments wins. A path
 * that matches only routes of other methods is a 405, a path that matches none a 404. Built once,
 * then read by every connection: not thread-safe while being built.
 */
final class Router {
  /** Answers one routed request. May throw; the failure becomes an error reply. */
  @FunctionalInterface
  interface Handler {
    CompletableFuture<HttpReply> handle(Request request) throws Exception;
  }

  /**
   * Names the model or workflow that a request to an inference route runs, from the route's path
   * parameters and the request's query; null when the request names none. Must be cheap and must
   * not throw: answers given before routing (a 413) are counted with it too.
   */
  @FunctionalInterface
  interface Target {
    String name(Map<String, String> params, QueryParams query);
  }

  /** The {@code {name}} path parameter, else the {@code model_name} query parameter. */
  static final Target NAMED =
      (params, query) -> params.getOrDefault("name", query.opt("model_name"));

  /**
   * One route.
   *
   * @param target for a route that runs a model or workflow, which one; null for other routes
   */
  record Route(HttpMethod method, List<String> pattern, Target target, Handler handler) {
    /** Whether it runs a model, so that its requests are counted under the model. */
    boolean inference() {
      return target != null;
    }

    int literals() {
      return (int) pattern.stream().filter(s -> !isParam(s)).count();
    }
  }

  /** A route and the path parameters it bound. */
  record Match(Route route, Map<String, String> params) {
    /**
     * The model or workflow that the request runs, as its route's {@link Target} names it; null
     * when it names none and for routes that run none.
     */
    String target(QueryParams query) {
      return route.inference() ? route.target().name(params, query) : null;
    }

    /** The model or workflow the request is counted under: its {@link #target}, else {@code ""}. */
    String model(QueryParams query) {
      String name = target(query);
      return name == null ? "" : name;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /** Adds a management route. */
  Router add(HttpMethod method, String pattern, Handler handler) {
    return add(method, pattern, null, handler);
  }

  /**
   * Adds a route that runs the model or workflow named by its {@code {name}} parameter, else by the
   * {@code model_name} query parameter.
   */
  Router addInference(HttpMethod method, String pattern, Handler handler) {
    return add(method, pattern, NAMED, handler);
  }

  /** Adds a route that runs the model or workflow that {@code target} names. */
  Router addInference(HttpMethod method, String pattern, Target target, Handler handler) {
    return add(method, pattern, target, handler);
  }

  private Router add(HttpMethod method, String pattern, Target target, Handler handler) {
    routes.add(new Route(method, segments(pattern), target, handler));
    return this;
  }

  /**
   * The route for a request.
   *
   * @param path the decoded path, without the query
   * @throws ResourceNotFoundException if no route has this path
   * @throws MethodNotAllowedException if routes have this path but none this method
   */
  Match match(HttpMethod method, String path) {
    List<String> segments = segments(path);
    Match best = null;
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> params = bind(r.pattern(), segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (r.method().equals(method) && (best == null || r.literals() > best.route().literals())) {
        best = new Match(r, params);
      }
    }
    if (best != null) {
      return best;
    }
    if (pathKnown) {
      throw new MethodNotAllowedException(
          "Requested method is not allowed, please refer to API document.");
    }
    throw new ResourceNotFoundException();
  }

  /**
   * The model or workflow a request is counted under ({@link Match#model}), read from its method
   * and URI alone, for answers given before the request is routed; {@code ""} when no route serves
   * the request or its URI does not decode.
   */
  String model(HttpMethod method, String uri) {
    try {
      QueryStringDecoder decoder = new QueryStringDecoder(uri);
      return match(method, decoder.path()).model(new QueryParams(decoder));
    } catch (ServingException | IllegalArgumentException e) {
      return "";
    }
  }

  private static Map<String, String> bind(List<String> pattern, List<String> segments) {
    if (pattern.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      if (isParam(p)) {
        params.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return params;
  }

  private static boolean isParam(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
