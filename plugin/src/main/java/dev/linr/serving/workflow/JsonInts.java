package dev.linr.serving.workflow;

import com.google.gson.JsonElement;
import dev.linr.query.JsonTrees;
import java.math.BigDecimal;

/**
 * Strict integers from JSON: {@code 10}, {@code 10.0} and {@code 1e1} are 10; {@code 1.7} fails.
 */
public final class JsonInts {
  private JsonInts() {}

  /**
   * The value as an int in {@code [min, max]}.
   *
   * @throws IllegalArgumentException with a message that completes a sentence starting with the
   *     field's name: {@code "must be at least 1, got: 0"}
   */
  public static int parse(JsonElement e, int min, int max) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException("must be an integer, got " + JsonTrees.describe(e));
    }
    String text = e.getAsString();
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("must be an integer, got: " + text, ex);
    }
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("must be an integer, got: " + text);
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0) {
      throw new IllegalArgumentException("must be at least " + min + ", got: " + text);
    }
    if (d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException("must be at most " + max + ", got: " + text);
    }
    return d.intValueExact();
  }
}
