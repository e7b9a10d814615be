package dev.linr.e2e.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.rank.DemoRanker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model store holding the shipped feed workflow ({@code conf/workflows/feed.json}) next to the
 * archives it names: a seeded index ({@code posts}) and the demo ranker ({@code ranker}, ONNX).
 *
 * @param dir the store folder
 * @param corpus the indexed posts and their brute-force retrieval
 * @param ranker the demo ranker in plain Java
 */
record FeedStore(Path dir, FeedCorpus corpus, PlainRanker ranker) {
  static final int DIMENSION = 8;
  private static final Path FEED = Path.of("..", "conf", "workflows", "feed.json");

  static FeedStore build(Path dir) throws IOException {
    FeedCorpus corpus = FeedCorpus.build(dir.resolve("posts"), 400, DIMENSION, 11);
    DemoRanker.write(dir.resolve("ranker"), DIMENSION);
    Files.copy(FEED, dir.resolve("feed.json"));
    return new FeedStore(dir, corpus, new PlainRanker(DemoRanker.definition(DIMENSION)));
  }

  Path workflow() {
    return dir.resolve("feed.json");
  }

  /**
   * Asserts that an answer is exactly the plain-Java ranking: ids in order, retrieval scores
   * exactly, ranker scores to float precision, attributes.
   */
  static void assertRanked(List<PlainRanker.Ranked> expected, JsonObject answer) {
    JsonArray hits = answer.getAsJsonArray("hits");
    assertEquals(expected.size(), hits.size(), "hits");
    for (int i = 0; i < expected.size(); i++) {
      PlainRanker.Ranked e = expected.get(i);
      FeedCorpus.Post post = e.candidate().post();
      JsonObject h = hits.get(i).getAsJsonObject();
      assertEquals(post.id(), h.get("id").getAsLong(), "id of hit " + i);
      assertEquals(
          e.candidate().score(),
          h.get("retrievalScore").getAsFloat(),
          "retrievalScore of hit " + i);
      assertEquals(
          e.score(),
          h.get("score").getAsDouble(),
          1e-4 * Math.max(1, Math.abs(e.score())),
          "score of hit " + i);
      JsonObject attributes = h.getAsJsonObject("attributes");
      assertEquals(
          Map.of("geo", post.geo(), "quality", post.quality()),
          Map.of(
              "geo", attributes.get("geo").getAsString(),
              "quality", attributes.get("quality").getAsDouble()),
          "attributes of hit " + i);
    }
  }
}
