package dev.linr.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which features a ranker reads for each candidate, always in this order: the element-wise product
 * of the query vector (as the client sent it, not normalised) and the candidate's stored vector
 * ({@code d} values, {@link #PRODUCT}), the candidate's retrieval score (1 value, {@link #SCORE}),
 * then one value per named numeric attribute of the candidate (a missing attribute reads as {@link
 * #MISSING}). Immutable and thread-safe.
 *
 * <p>In {@code serving.properties} the spec is two translator arguments: {@code
 * features=product,score} (a non-empty subset, in this order) and {@code attributes=quality,age}
 * (may be empty).
 */
public final class RankerFeatures {
  /** The {@code features} name of the product feature. */
  public static final String PRODUCT = "product";

  /** The {@code features} name of the retrieval score feature. */
  public static final String SCORE = "score";

  /** The feature value of a missing attribute. */
  public static final float MISSING = 0f;

  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final boolean product;
  private final boolean score;
  private final List<String> attributes;

  private RankerFeatures(boolean product, boolean score, List<String> attributes) {
    this.product = product;
    this.score = score;
    this.attributes = List.copyOf(attributes);
    Set<String> seen = new HashSet<>();
    for (String a : this.attributes) {
      if (!ATTRIBUTE.matcher(a).matches()) {
        throw new IllegalArgumentException(
            "attribute feature names are identifiers (letters, digits, '_'), got: '" + a + "'");
      }
      if (!seen.add(a)) {
        throw new IllegalArgumentException("attribute feature '" + a + "' is listed twice");
      }
    }
    if (!product && !score && this.attributes.isEmpty()) {
      throw new IllegalArgumentException(
          "a ranker needs at least one feature: product, score or an attribute");
    }
  }

  /**
   * A feature spec.
   *
   * @throws IllegalArgumentException if it has no feature, or an attribute name is not an
   *     identifier or is repeated
   */
  public static RankerFeatures of(boolean product, boolean score, List<String> attributes) {
    return new RankerFeatures(product, score, Objects.requireNonNull(attributes, "attributes"));
  }

  /**
   * Parses the translator arguments {@code features} ("product,score", "score", ...) and {@code
   * attributes} ("quality,age", or blank or null for none). Names are case-insensitive; spaces
   * around commas are ignored.
   *
   * @throws IllegalArgumentException naming the argument: an unknown or repeated feature, features
   *     out of order, an invalid attribute name, or no feature at all
   */
  public static RankerFeatures parse(String features, String attributes) {
    boolean product = false;
    boolean score = false;
    for (String f : split(features)) {
      String name = f.toLowerCase(Locale.ROOT);
      if (name.equals(PRODUCT)) {
        if (product || score) {
          throw new IllegalArgumentException(
              "translator argument features: product "
                  + (product ? "is listed twice" : "must come before score")
                  + "; valid: product,score, product or score");
        }
        product = true;
      } else if (name.equals(SCORE)) {
        if (score) {
          throw new IllegalArgumentException("translator argument features: score is listed twice");
        }
        score = true;
      } else {
        throw new IllegalArgumentException(
            "translator argument features: unknown feature '"
                + f
                + "'; valid: product, score (attributes go in the attributes argument)");
      }
    }
    try {
      return new RankerFeatures(product, score, split(attributes));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("translator arguments: " + e.getMessage(), e);
    }
  }

  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String part : list.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty name in the list '" + list + "'");
      }
      out.add(p);
    }
    return out;
  }

  /** Whether the query-candidate product is a feature. */
  public boolean product() {
    return product;
  }

  /** Whether the retrieval score is a feature. */
  public boolean score() {
    return score;
  }

  /** The attribute features, in feature order; unmodifiable. */
  public List<String> attributes() {
    return attributes;
  }

  /** The number of features per candidate for vectors of {@code dimension} values. */
  public int width(int dimension) {
    return (product ? dimension : 0) + (score ? 1 : 0) + attributes.size();
  }

  /** The {@code features} translator argument: {@code product,score}, {@code score}, ... */
  public String featuresArgument() {
    List<String> out = new ArrayList<>();
    if (product) {
      out.add(PRODUCT);
    }
    if (score) {
      out.add(SCORE);
    }
    return String.join(",", out);
  }

  /** The {@code attributes} translator argument: {@code quality,age}, or empty. */
  public String attributesArgument() {
    return String.join(",", attributes);
  }

  /**
   * Writes one candidate's features into {@code out} from {@code offset}: {@link #width(int)}
   * values, computed in float32 ({@code query[i] * vector[i]}, the score, the attributes as given).
   *
   * @param query the query vector; ignored (may be null) without the product feature
   * @param vector the candidate's stored vector, the query's length; ignored (may be null) without
   *     the product feature
   * @param attributeValues one value per {@link #attributes()} entry, {@link #MISSING} for missing
   */
  public void write(
      float[] query,
      float[] vector,
      float retrievalScore,
      float[] attributeValues,
      float[] out,
      int offset) {
    int at = offset;
    if (product) {
      if (vector.length != query.length) {
        throw new IllegalArgumentException(
            "the candidate vector has " + vector.length + " values, the query " + query.length);
      }
      for (int i = 0; i < query.length; i++) {
        out[at++] = query[i] * vector[i];
      }
    }
    if (score) {
      out[at++] = retrievalScore;
    }
    if (attributeValues.length != attributes.size()) {
      throw new IllegalArgumentException(
          attributeValues.length + " attribute values for " + attributes.size() + " features");
    }
    System.arraycopy(attributeValues, 0, out, at, attributeValues.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankerFeatures f
        && product == f.product
        && score == f.score
        && attributes.equals(f.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(product, score, attributes);
  }

  @Override
  public String toString() {
    return "features=" + featuresArgument() + " attributes=" + attributesArgument();
  }
}
