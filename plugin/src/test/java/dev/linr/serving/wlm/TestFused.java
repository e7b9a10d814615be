package dev.linr.serving.wlm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerMlp;
import dev.linr.runtime.ServingTranslatorJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fused retrieval and ranking archive over a {@link TestIndex}, with a ranker of features {@code
 * product,score} whose weights are multiples of 1/8, and the plain-Java answer to its requests: the
 * brute-force top k, scored by the ranker's MLP in Java, best n first, equal scores in retrieval
 * order. Vectors are small integers, so every sum is exact in float32 in any order.
 */
final class TestFused {
  /** A ranked hit as the answer and the reference give it. */
  record Ranked(long id, float score, float retrievalScore) {}

  final TestIndex index;
  final RankerDefinition ranker;
  final Path folder;
  private final Map<Long, TestIndex.Item> items = new HashMap<>();

  private TestFused(TestIndex index, RankerDefinition ranker, Path folder) {
    this.index = index;
    this.ranker = ranker;
    this.folder = folder;
    for (TestIndex.Item item : index.items) {
      items.put(item.id(), item);
    }
  }

  /** Fuses {@code index} with a seeded ranker into {@code dir/name}. */
  static TestFused build(TestIndex index, Path dir, String name, long seed) throws IOException {
    RankerDefinition ranker = ranker(seed);
    Path folder =
        FusedModelBuilder.builder()
            .setIndex(index.folder)
            .setRanker(ranker)
            .setOutput(dir.resolve(name))
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run()
            .folder();
    return new TestFused(index, ranker, folder);
  }

  private static RankerDefinition ranker(long seed) {
    RankerFeatures features = RankerFeatures.of(true, true, List.of());
    int[] widths = {features.width(TestIndex.DIMENSION), 4, 1};
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int i = 0; i + 1 < widths.length; i++) {
      weights.add(eighths(r, widths[i] * widths[i + 1]));
      biases.add(eighths(r, widths[i + 1]));
    }
    return new RankerDefinition(
        TestIndex.DIMENSION, features, RankerMlp.of(widths, weights, biases));
  }

  private static float[] eighths(SplittableRandom r, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = r.nextInt(-4, 5) / 8f;
    }
    return out;
  }

  /** The body {@code {"vector", "k", "n", "filter"}} of a fused request. */
  static String body(float[] vector, int k, int n, String geo) {
    JsonObject o = TestIndex.queryObject(vector, k, geo);
    o.addProperty("n", n);
    return o.toString();
  }

  /** The plain-Java answer: the top k by dot product, ranked by the MLP, the best n. */
  List<Ranked> reference(float[] query, int k, int n, String geo) {
    List<TestIndex.Hit> candidates = index.bruteForce(query, k, geo).hits();
    RankerFeatures features = ranker.features();
    float[] row = new float[features.width(TestIndex.DIMENSION)];
    float[] scores = new float[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      TestIndex.Hit c = candidates.get(i);
      features.write(query, items.get(c.id()).vector(), c.score(), new float[0], row, 0);
      scores[i] = ranker.mlp().score(row, 0);
    }
    Integer[] order = new Integer[candidates.size()];
    Arrays.setAll(order, i -> i);
    // Stable: candidates of equal score keep their retrieval order.
    Arrays.sort(order, (a, b) -> Float.compare(scores[b] + 0f, scores[a] + 0f));
    List<Ranked> out = new ArrayList<>();
    for (int j = 0; j < Math.min(n, order.length); j++) {
      TestIndex.Hit c = candidates.get(order[j]);
      out.add(new Ranked(c.id(), scores[order[j]], c.score()));
    }
    return out;
  }

  /** The ranked hits of a fused answer. */
  static List<Ranked> parse(String json) {
    List<Ranked> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("hits")) {
      JsonObject h = e.getAsJsonObject();
      out.add(
          new Ranked(
              h.get("id").getAsLong(),
              h.get("score").getAsFloat(),
              h.get("retrievalScore").getAsFloat()));
    }
    return out;
  }
}
