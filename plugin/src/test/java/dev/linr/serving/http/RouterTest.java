package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.serving.MethodNotAllowedException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router.Handler describe = r -> CompletableFuture.completedFuture(null);
  private final Router.Handler invoke = r -> CompletableFuture.completedFuture(null);
  private final Router router =
      new Router()
          .add(HttpMethod.GET, "/models/{name}/{version}", describe)
          .addInference(HttpMethod.POST, "/models/{name}/invoke", invoke)
          .add(HttpMethod.GET, "/ping", describe);

  @Test
  void parametersAreBound() {
    Router.Match m = router.match(HttpMethod.GET, "/models/posts/2");
    assertSame(describe, m.route().handler());
    assertEquals(Map.of("name", "posts", "version", "2"), m.params());
  }

  @Test
  void literalSegmentBeatsAParameter() {
    Router.Match m = router.match(HttpMethod.POST, "/models/posts/invoke");
    assertSame(invoke, m.route().handler());
    assertTrue(m.route().inference());
  }

  @Test
  void otherMethodsStillMatchTheParameterRoute() {
    assertSame(describe, router.match(HttpMethod.GET, "/models/posts/invoke").route().handler());
  }

  @Test
  void trailingSlashIsIgnored() {
    assertSame(describe, router.match(HttpMethod.GET, "/ping/").route().handler());
  }

  @Test
  void knownPathWithAnotherMethodIs405() {
    MethodNotAllowedException e =
        assertThrows(
            MethodNotAllowedException.class, () -> router.match(HttpMethod.DELETE, "/ping"));
    assertEquals("Requested method is not allowed, please refer to API document.", e.getMessage());
  }

  @Test
  void unknownPathIs404() {
    ResourceNotFoundException e =
        assertThrows(ResourceNotFoundException.class, () -> router.match(HttpMethod.GET, "/pong"));
    assertEquals(404, e.status());
    assertEquals("Requested resource is not found, please refer to API document.", e.getMessage());
  }

  @Test
  void uriOfAnInferenceRouteIsCountedUnderTheNameItBinds() {
    assertEquals("posts", router.model(HttpMethod.POST, "/models/posts/invoke?x=1"));
  }

  @Test
  void uriOfAManagementRouteOrOfNoRouteIsCountedWithoutAModel() {
    assertEquals("", router.model(HttpMethod.GET, "/models/posts/2"));
    assertEquals("", router.model(HttpMethod.GET, "/pong"));
    assertEquals("", router.model(HttpMethod.GET, "/models/posts/invoke?model_name=%zz"));
  }

  @Test
  void routeWithItsOwnTargetIsCountedUnderTheNameTheTargetResolves() {
    Router r =
        new Router()
            .addInference(
                HttpMethod.POST,
                "/invocations",
                (params, query) -> query.opt("model_name") == null ? "only" : null,
                invoke);
    assertEquals("only", r.model(HttpMethod.POST, "/invocations"));
    assertEquals("", r.model(HttpMethod.POST, "/invocations?model_name=x"));
  }

  @Test
  void extraSegmentsAre404() {
    assertThrows(
        ResourceNotFoundException.class, () -> router.match(HttpMethod.GET, "/models/a/b/c"));
  }
}
