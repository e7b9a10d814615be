package dev.linr.query;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.linr.schema.IndexSchema;
import java.math.BigDecimal;

/**
 * Reads vectors, floats and integers from request JSON, strictly: every problem is a {@link
 * RequestParseException} whose field is the JSON path of the offending value ({@code vector[5]})
 * and whose message starts with that path. {@code NaN} and {@code Infinity} (which Gson's lenient
 * syntax lets through as strings) and numbers outside the float range are rejected. Thread-safe.
 */
public final class JsonNumbers {
  private JsonNumbers() {}

  /**
   * Reads a non-empty array of finite numbers at {@code field}.
   *
   * @param dimension the required length, or 0 for any length up to {@link
   *     IndexSchema#MAX_DIMENSION}
   * @throws RequestParseException if {@code e} is not such an array
   */
  public static float[] vector(JsonElement e, String field, int dimension) {
    if (e == null || !e.isJsonArray()) {
      throw new RequestParseException(
          field, field + " must be an array of numbers, got " + JsonTrees.describe(e));
    }
    JsonArray a = e.getAsJsonArray();
    if (a.isEmpty()) {
      throw new RequestParseException(field, field + " must not be empty");
    }
    if (dimension > 0 && a.size() != dimension) {
      throw new RequestParseException(
          field, field + " has " + a.size() + " values, expected " + dimension);
    }
    if (a.size() > IndexSchema.MAX_DIMENSION) {
      throw new RequestParseException(
          field,
          field
              + " has "
              + a.size()
              + " values, at most "
              + IndexSchema.MAX_DIMENSION
              + " are supported");
    }
    float[] v = new float[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = finite(a.get(i), field + "[" + i + "]", "vector values");
    }
    return v;
  }

  /**
   * Reads a finite number at {@code field} as the nearest float.
   *
   * @param what names the kind of value in the message: "{@code vector values} must be finite
   *     numbers"
   * @throws RequestParseException if {@code e} is not a number, is NaN or infinite, or lies outside
   *     the float range
   */
  public static float finite(JsonElement e, String field, String what) {
    if (e != null && e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      String text = p.getAsString();
      if (p.isNumber() || isNonFiniteName(text)) {
        float f;
        try {
          f = Float.parseFloat(text);
        } catch (NumberFormatException ex) {
          throw new RequestParseException(
              field, field + " must be a number, got " + JsonTrees.describe(e), ex);
        }
        if (Float.isNaN(f) || isNonFiniteName(text)) {
          throw new RequestParseException(
              field, field + " is " + f + "; " + what + " must be finite numbers");
        }
        if (Float.isInfinite(f)) {
          throw new RequestParseException(
              field,
              field
                  + " is "
                  + JsonTrees.abbreviate(text)
                  + ", outside the float range (about -3.4e38 to 3.4e38)");
        }
        return f;
      }
    }
    throw new RequestParseException(
        field, field + " must be a number, got " + JsonTrees.describe(e));
  }

  /**
   * Reads an integer in {@code [min, max]} at {@code field}: any JSON number with an integral value
   * ({@code 10}, {@code 10.0}, {@code 1e3}).
   *
   * @throws RequestParseException if {@code e} is not a number, not integral or out of range
   */
  public static int integer(JsonElement e, String field, int min, int max) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new RequestParseException(
          field, field + " must be an integer, got " + JsonTrees.describe(e));
    }
    String text = e.getAsString();
    String shown = JsonTrees.abbreviate(text);
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException ex) {
      throw new RequestParseException(field, field + " must be an integer, got: " + shown, ex);
    }
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new RequestParseException(field, field + " must be an integer, got: " + shown);
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0) {
      throw new RequestParseException(
          field, field + " must be at least " + min + ", got: " + shown);
    }
    if (d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new RequestParseException(field, field + " must be at most " + max + ", got: " + shown);
    }
    return d.intValueExact();
  }

  /** NaN and Infinity, which lenient JSON lets through (as strings) and Java parses. */
  private static boolean isNonFiniteName(String s) {
    String t = s.trim();
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    return t.equals("NaN") || t.equals("Infinity");
  }
}
