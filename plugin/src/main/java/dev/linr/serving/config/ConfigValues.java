package dev.linr.serving.config;

/** Strict parsing of configuration and request parameter values. Stateless. */
public final class ConfigValues {
  private ConfigValues() {}

  /**
   * A decimal integer of at least {@code min} ({@code "1.7"}, {@code "1e3"} and {@code " "} are
   * not).
   *
   * @param key the key, for the message
   * @throws IllegalArgumentException "key must be an integer, got: value" or "key must be at least
   *     min, got: value"
   */
  public static int intAtLeast(String key, String value, int min) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got: " + value, e);
    }
    if (n < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", got: " + n);
    }
    return n;
  }

  /**
   * A plain decimal number ({@code 2}, {@code 1.5}) of at least {@code min} ({@code "1e3"}, {@code
   * "0x10"}, {@code "NaN"} and {@code " "} are not).
   *
   * @param key the key, for the message
   * @throws IllegalArgumentException "key must be a decimal number, got: value" or "key must be at
   *     least min, got: value"
   */
  public static double decimalAtLeast(String key, String value, double min) {
    String v = value.trim();
    if (!v.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(key + " must be a decimal number, got: " + value);
    }
    double d = Double.parseDouble(v);
    if (d < min || Double.isInfinite(d)) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", got: " + value);
    }
    return d;
  }

  /**
   * {@code true} or {@code false}, in any case.
   *
   * @throws IllegalArgumentException "key must be true or false, got: value"
   */
  public static boolean bool(String key, String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(key + " must be true or false, got: " + value);
  }
}
