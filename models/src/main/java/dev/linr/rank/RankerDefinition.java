package dev.linr.rank;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A ranker: the query dimension it expects, the features it reads per candidate and the MLP over
 * them. Immutable and thread-safe.
 *
 * <p>Its translator arguments ({@link #translatorArguments()}) are what the ranking translator
 * needs to build the features: {@value #DIMENSION}, {@value #FEATURES} and {@value #ATTRIBUTES}.
 */
public final class RankerDefinition {
  /** Translator argument: the query and stored vector length. */
  public static final String DIMENSION = "dimension";

  /** Translator argument: {@link RankerFeatures#featuresArgument()}. */
  public static final String FEATURES = "features";

  /** Translator argument: {@link RankerFeatures#attributesArgument()}. */
  public static final String ATTRIBUTES = "attributes";

  private final int dimension;
  private final RankerFeatures features;
  private final RankerMlp mlp;

  /**
   * A ranker definition.
   *
   * @throws IllegalArgumentException if the dimension is below 1 or the MLP's input width is not
   *     the features' width
   */
  public RankerDefinition(int dimension, RankerFeatures features, RankerMlp mlp) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got: " + dimension);
    }
    this.dimension = dimension;
    this.features = Objects.requireNonNull(features, "features");
    this.mlp = Objects.requireNonNull(mlp, "mlp");
    if (mlp.features() != features.width(dimension)) {
      throw new IllegalArgumentException(
          "the MLP reads "
              + mlp.features()
              + " features, but "
              + features
              + " at dimension "
              + dimension
              + " make "
              + features.width(dimension));
    }
  }

  public int dimension() {
    return dimension;
  }

  public RankerFeatures features() {
    return features;
  }

  public RankerMlp mlp() {
    return mlp;
  }

  /**
   * {@code dimension}, {@code features} and {@code attributes}, as serving.properties holds them.
   */
  public Map<String, String> translatorArguments() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(DIMENSION, Integer.toString(dimension));
    out.put(FEATURES, features.featuresArgument());
    out.put(ATTRIBUTES, features.attributesArgument());
    return out;
  }

  @Override
  public String toString() {
    return "RankerDefinition{dimension=" + dimension + ", " + features + ", " + mlp + "}";
  }
}
