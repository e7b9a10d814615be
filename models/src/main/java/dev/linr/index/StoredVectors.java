package dev.linr.index;

import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;

/**
 * The values an index stores for an item vector: normalised for cosine (a zero vector stays zero),
 * then rounded to the storage type. Scores are computed from these values.
 */
public final class StoredVectors {
  private StoredVectors() {}

  /** The stored form of {@code vector} under {@code schema}. */
  public static float[] stored(IndexSchema schema, float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    double scale = schema.metric() == Metric.COSINE && norm > 0 ? 1 / Math.sqrt(norm) : 1;
    float[] out = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = schema.dtype().round((float) (vector[i] * scale));
    }
    return out;
  }
}
