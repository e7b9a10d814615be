package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.rank.DemoRanker;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linr serve} without a model store: the demo it builds once (the posts index, the demo
 * ranker, the feed workflow and the fused model feed_fused), the curl examples it prints, and the
 * workflow and the fused model answering alike, in the order the demo ranker's plain-Java
 * definition gives the index's hits.
 */
class DemoServeTest {
  /** ONNX Runtime, libtorch and plain Java sum the MLP in different orders. */
  private static final float SCORE_TOLERANCE = 1e-5f;

  @TempDir static Path dir;
  static ServeProcess served;
  static JsonObject feedExample;

  @BeforeAll
  static void serve() throws Exception {
    served = ServeProcess.start(dir, "--port", "0");
    List<ServeProcess.CurlPost> posts = served.curlPosts();
    assertEquals(3, posts.size(), served.lines()::toString);
    feedExample = JsonParser.parseString(posts.get(1).body()).getAsJsonObject();
  }

  @AfterAll
  static void stop() throws Exception {
    if (served != null) {
      served.stop();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(served.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject post(String url, String body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), () -> url + " " + body + ": " + r.body());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static JsonObject predict(String model, JsonObject body) throws Exception {
    return post(served.url() + "/predictions/" + model, body.toString());
  }

  /** The printed feed example's vector with other k, n and filters. */
  private static List<JsonObject> feedRequests() {
    List<JsonObject> out = new ArrayList<>();
    out.add(feedExample);
    Object[][] variants = {
      {40, 10, "geo = 'us'"}, {200, 20, "quality >= 0.5 AND sponsored = false"}, {7, 7, null}
    };
    for (Object[] v : variants) {
      JsonObject o = new JsonObject();
      o.add("vector", feedExample.get("vector"));
      o.addProperty("k", (Integer) v[0]);
      o.addProperty("n", (Integer) v[1]);
      if (v[2] != null) {
        o.addProperty("filter", (String) v[2]);
      }
      out.add(o);
    }
    return out;
  }

  private static Set<String> names(JsonArray entries, String field) {
    Set<String> out = new TreeSet<>();
    for (JsonElement e : entries) {
      out.add(e.getAsJsonObject().get(field).getAsString());
    }
    return out;
  }

  @Test
  void demoServesTheIndexTheRankerTheFeedWorkflowAndTheFusedModel() throws Exception {
    JsonObject models = JsonParser.parseString(get("/models").body()).getAsJsonObject();
    assertEquals(
        Set.of("feed_fused", "posts", "ranker"),
        names(models.getAsJsonArray("models"), "modelName"));
    JsonObject workflows = JsonParser.parseString(get("/workflows").body()).getAsJsonObject();
    assertEquals(Set.of("feed"), names(workflows.getAsJsonArray("workflows"), "workflowName"));
    assertTrue(
        served.lines().contains("models and workflows: feed, feed_fused, posts, ranker"),
        served.lines()::toString);
  }

  @Test
  void printedExamplesAreASearchTheFeedWorkflowAndTheFusedModelOnOneRequest() {
    List<ServeProcess.CurlPost> posts = served.curlPosts();
    assertEquals(
        List.of(
            served.url() + "/predictions/posts",
            served.url() + "/predictions/feed",
            served.url() + "/predictions/feed_fused"),
        posts.stream().map(ServeProcess.CurlPost::url).toList());
    assertEquals(posts.get(1).body(), posts.get(2).body());
    assertEquals(
        feedExample.get("vector"),
        JsonParser.parseString(posts.get(0).body()).getAsJsonObject().get("vector"));
    assertEquals(100, feedExample.get("k").getAsInt());
    assertEquals(5, feedExample.get("n").getAsInt());
  }

  @Test
  void searchExampleAnswersTheFiveNearestPosts() throws Exception {
    ServeProcess.CurlPost search = served.curlPosts().get(0);
    JsonObject answer = post(search.url(), search.body());
    assertEquals(5, answer.getAsJsonArray("hits").size());
    assertEquals(20_000, answer.get("matched").getAsInt());
  }

  @Test
  void feedWorkflowAndFusedModelAnswerTheSameHits() throws Exception {
    for (JsonObject body : feedRequests()) {
      JsonArray workflow = predict("feed", body).getAsJsonArray("hits");
      JsonArray fused = predict("feed_fused", body).getAsJsonArray("hits");
      assertEquals(body.get("n").getAsInt(), workflow.size(), body::toString);
      assertEquals(workflow.size(), fused.size(), body::toString);
      for (int i = 0; i < workflow.size(); i++) {
        JsonObject w = workflow.get(i).getAsJsonObject();
        JsonObject f = fused.get(i).getAsJsonObject();
        String where = body + " hit " + i;
        assertEquals(w.get("id"), f.get("id"), where);
        assertEquals(w.get("retrievalScore"), f.get("retrievalScore"), where);
        assertEquals(w.get("attributes"), f.get("attributes"), where);
        assertClose(w.get("score").getAsFloat(), f.get("score").getAsFloat(), where);
      }
    }
  }

  @Test
  void feedRanksThePostsHitsAsTheDemoRankersDefinition() throws Exception {
    for (JsonObject body : feedRequests()) {
      JsonObject search = new JsonObject();
      search.add("vector", body.get("vector"));
      search.add("k", body.get("k"));
      if (body.has("filter")) {
        search.add("filter", body.get("filter"));
      }
      JsonArray include = new JsonArray();
      include.add("vector");
      include.add("attributes");
      search.add("include", include);
      JsonArray candidates = predict("posts", search).getAsJsonArray("hits");
      List<Ranked> expected = rank(floats(body.getAsJsonArray("vector")), candidates);
      expected = expected.subList(0, Math.min(body.get("n").getAsInt(), expected.size()));

      JsonArray workflow = predict("feed", body).getAsJsonArray("hits");
      assertEquals(expected.size(), workflow.size(), body::toString);
      for (int i = 0; i < expected.size(); i++) {
        JsonObject w = workflow.get(i).getAsJsonObject();
        String where = body + " hit " + i;
        assertEquals(expected.get(i).id(), w.get("id").getAsLong(), where);
        assertClose(expected.get(i).score(), w.get("score").getAsFloat(), where);
      }
    }
  }

  /** A candidate and its plain-Java ranker score. */
  private record Ranked(long id, float score) {}

  /**
   * The demo ranker's definition in plain Java over the index's hits: best first, equal scores in
   * retrieval order.
   */
  private static List<Ranked> rank(float[] query, JsonArray candidates) {
    RankerDefinition ranker = DemoRanker.definition(query.length);
    RankerFeatures features = ranker.features();
    float[] row = new float[features.width(query.length)];
    List<Ranked> out = new ArrayList<>();
    for (JsonElement e : candidates) {
      JsonObject hit = e.getAsJsonObject();
      JsonObject attributes = hit.getAsJsonObject("attributes");
      float[] values = new float[features.attributes().size()];
      for (int a = 0; a < values.length; a++) {
        JsonElement v = attributes.get(features.attributes().get(a));
        values[a] = v == null ? RankerFeatures.MISSING : v.getAsFloat();
      }
      features.write(
          query,
          floats(hit.getAsJsonArray("vector")),
          hit.get("score").getAsFloat(),
          values,
          row,
          0);
      out.add(new Ranked(hit.get("id").getAsLong(), ranker.mlp().score(row, 0)));
    }
    List<Ranked> sorted = new ArrayList<>(out);
    // Stable: candidates of equal score keep their retrieval order.
    sorted.sort((a, b) -> Float.compare(b.score() + 0f, a.score() + 0f));
    return sorted;
  }

  private static float[] floats(JsonArray a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsFloat();
    }
    return out;
  }

  private static void assertClose(float expected, float actual, String where) {
    assertEquals(expected, actual, SCORE_TOLERANCE * Math.max(1f, Math.abs(expected)), where);
  }
}
