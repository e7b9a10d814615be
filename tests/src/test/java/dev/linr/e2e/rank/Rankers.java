package dev.linr.e2e.rank;

import dev.linr.query.Hit;
import dev.linr.rank.RankerArchiveBuilder;
import dev.linr.rank.RankerDefinition;
import dev.linr.rank.RankerFeatures;
import dev.linr.rank.RankerFormat;
import dev.linr.rank.RankerMlp;
import dev.linr.runtime.ServingTranslatorJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Ranker fixtures and the plain-Java reference ranking. */
final class Rankers {
  private Rankers() {}

  /**
   * An MLP whose weights and biases are multiples of 1/8 in [-1/4, 1/4]. With features that are
   * multiples of 1/16 of magnitude at most 8 and hidden widths up to [32, 16], every product and
   * partial sum is a float32 without rounding (at most 21 significant bits), so any engine, in any
   * summation order, computes exactly the same scores.
   */
  static RankerMlp dyadic(int features, int[] hidden, long seed) {
    return DyadicMlp.eighths(features, hidden, 2, seed);
  }

  /** Writes an archive of {@code ranker} in {@code format} with the serving translator jar. */
  static Path write(RankerDefinition ranker, RankerFormat format, Path dir, String name)
      throws IOException {
    return RankerArchiveBuilder.builder()
        .setRanker(ranker)
        .setOutput(dir.resolve(name))
        .optFormat(format)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .write();
  }

  /** One ranked candidate of the reference: its position in the candidates and its score. */
  record Ranked(int candidate, float score) {}

  /**
   * The reference ranking, in plain Java: features as {@link RankerFeatures#write} defines them
   * (attributes read as numbers, missing as 0), scores from {@link RankerMlp#score}, sorted by
   * score descending with equal scores in candidate order, cut to {@code n}.
   */
  static List<Ranked> rank(RankerDefinition ranker, float[] query, List<Hit> candidates, int n) {
    RankerFeatures features = ranker.features();
    int width = features.width(ranker.dimension());
    List<Ranked> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Hit c = candidates.get(i);
      float[] attributes = new float[features.attributes().size()];
      for (int a = 0; a < attributes.length; a++) {
        Object v = c.attributes().get(features.attributes().get(a));
        attributes[a] = v == null ? 0f : ((Number) v).floatValue();
      }
      float[] x = new float[width];
      features.write(query, c.vector(), c.score(), attributes, x, 0);
      out.add(new Ranked(i, ranker.mlp().score(x, 0)));
    }
    out.sort(
        (a, b) ->
            a.score() > b.score() ? -1 : a.score() < b.score() ? 1 : a.candidate() - b.candidate());
    return out.subList(0, Math.min(n, out.size()));
  }

  /** Candidates with dyadic vectors (multiples of 1/4 in [-1, 1]), scores and quality. */
  static List<Hit> dyadicCandidates(SplittableRandom r, int count, int dimension) {
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(-4, 5) / 4f;
      }
      Map<String, Object> attributes =
          i % 5 == 2 ? Map.of() : Map.of("quality", r.nextInt(0, 9) / 8.0, "geo", "us");
      out.add(new Hit(100L + i, r.nextInt(-64, 65) / 16f, attributes, v));
    }
    return out;
  }

  static float[] dyadicVector(SplittableRandom r, int dimension) {
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = r.nextInt(-4, 5) / 4f;
    }
    return v;
  }
}
