package dev.linr.translate;

import java.util.Map;
import java.util.function.Function;

/** Strict parsing of translator arguments from {@code serving.properties}. */
public final class TranslatorArguments {
  private TranslatorArguments() {}

  /** An integer argument of at least 1; "1.7" or "ten" is an error naming the key. */
  public static int positiveInt(Map<String, ?> arguments, String key, int defaultValue) {
    int value = parsed(arguments, key, defaultValue, Integer::parseInt, "an integer");
    return atLeast(key, value, 1);
  }

  /**
   * {@code compactThreshold} (a single query's break-even pass rate), {@code searchPath} and {@code
   * smallWork} (an integer of at least 0).
   */
  static SearchOptions searchOptions(Map<String, ?> arguments, SearchOptions defaults) {
    double threshold =
        parsed(
            arguments,
            "compactThreshold",
            defaults.compactThreshold(),
            Double::parseDouble,
            "a number");
    Object p = arguments.get("searchPath");
    SearchPath path = p == null ? defaults.path() : SearchPath.parse(p.toString());
    long smallWork =
        parsed(arguments, "smallWork", defaults.smallWork(), Long::parseLong, "an integer");
    return new SearchOptions(threshold, path, atLeast("smallWork", smallWork, 0));
  }

  /** The argument {@code key} read by {@code parse}, or {@code defaultValue} when absent. */
  private static <T> T parsed(
      Map<String, ?> arguments,
      String key,
      T defaultValue,
      Function<String, T> parse,
      String kind) {
    Object value = arguments.get(key);
    if (value == null) {
      return defaultValue;
    }
    String text = value.toString().trim();
    try {
      return parse.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "translator argument " + key + " must be " + kind + ", got: '" + text + "'", e);
    }
  }

  private static <T extends Number> T atLeast(String key, T value, long least) {
    if (value.longValue() < least) {
      throw new IllegalArgumentException(
          "translator argument " + key + " must be at least " + least + ", got: " + value);
    }
    return value;
  }
}
