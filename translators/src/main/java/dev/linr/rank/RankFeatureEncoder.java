package dev.linr.rank;

import dev.linr.query.Hit;
import dev.linr.query.RequestParseException;
import java.util.List;

/**
 * Checks ranking requests against what the ranker reads and writes the features of all their
 * candidates, row after row in request order, as {@link RankerFeatures#write} defines them. Every
 * problem is a {@link RequestParseException} naming the JSON path of the offending value. Immutable
 * and thread-safe.
 */
final class RankFeatureEncoder {
  private final int dimension;
  private final RankerFeatures features;

  RankFeatureEncoder(int dimension, RankerFeatures features) {
    this.dimension = dimension;
    this.features = features;
  }

  int width() {
    return features.width(dimension);
  }

  /** The features of every candidate of {@code requests}: {@code [rows, width()]} row-major. */
  float[] encode(List<RankRequest> requests, boolean batch) {
    int rows = 0;
    for (RankRequest r : requests) {
      rows = Math.addExact(rows, r.candidates().size());
    }
    int width = width();
    float[] out = new float[Math.multiplyExact(rows, width)];
    float[] attributes = new float[features.attributes().size()];
    int row = 0;
    for (int q = 0; q < requests.size(); q++) {
      RankRequest r = requests.get(q);
      String prefix = batch ? "queries[" + q + "]." : "";
      float[] query = features.product() ? query(r, prefix) : null;
      if (!features.attributes().isEmpty()
          && !r.attributesIncluded()
          && !r.candidates().isEmpty()) {
        String field = prefix + "candidates[0].attributes";
        throw new RequestParseException(
            field,
            field
                + " is missing: the ranker reads the attributes "
                + features.attributes()
                + "; ask the retrieval step for include [\"attributes\"]");
      }
      List<Hit> candidates = r.candidates();
      for (int i = 0; i < candidates.size(); i++) {
        Hit c = candidates.get(i);
        String path = prefix + "candidates[" + i + "]";
        if (!Float.isFinite(c.score())) {
          throw new RequestParseException(
              path + ".score",
              path + ".score is " + c.score() + "; retrieval scores must be finite numbers");
        }
        float[] vector = features.product() ? candidateVector(c, path) : null;
        for (int a = 0; a < attributes.length; a++) {
          attributes[a] = attribute(c, features.attributes().get(a), path);
        }
        features.write(query, vector, c.score(), attributes, out, row * width);
        row++;
      }
    }
    return out;
  }

  private float[] query(RankRequest r, String prefix) {
    String field = prefix + "vector";
    float[] v = r.vector();
    if (v == null) {
      throw new RequestParseException(
          field,
          field
              + " is required: the ranker multiplies the query vector with each candidate's"
              + " vector");
    }
    if (v.length != dimension) {
      throw new RequestParseException(
          field, field + " has " + v.length + " values, expected " + dimension);
    }
    return v;
  }

  private float[] candidateVector(Hit c, String path) {
    String field = path + ".vector";
    if (!c.hasVector()) {
      throw new RequestParseException(
          field, field + " is missing: ask the retrieval step for include [\"vector\"]");
    }
    float[] v = c.vector();
    if (v.length != dimension) {
      throw new RequestParseException(
          field, field + " has " + v.length + " values, expected " + dimension);
    }
    return v;
  }

  private static float attribute(Hit c, String name, String path) {
    Object v = c.attributes().get(name);
    if (v == null) {
      return RankerFeatures.MISSING;
    }
    if (v instanceof Long || v instanceof Double) {
      float f = ((Number) v).floatValue();
      if (Float.isFinite(f)) {
        return f;
      }
    }
    String field = path + ".attributes." + name;
    throw new RequestParseException(
        field,
        field
            + " is "
            + (v instanceof String s
                ? "the string \"" + s + "\""
                : v instanceof Boolean ? "a boolean" : v instanceof List ? "a list" : v.toString())
            + "; the ranker reads it as a single number within the float range");
  }
}
