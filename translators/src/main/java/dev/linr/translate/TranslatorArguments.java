package dev.linr.translate;

import java.util.Map;

/** Strict parsing of translator arguments from {@code serving.properties}. */
public final class TranslatorArguments {
  private TranslatorArguments() {}

  /** An integer argument of at least 1; "1.7" or "ten" is an error naming the key. */
  public static int positiveInt(Map<String, ?> arguments, String key, int defaultValue) {
    Object value = arguments.get(key);
    if (value == null) {
      return defaultValue;
    }
    String text = value.toString().trim();
    int parsed;
    try {
      parsed = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "translator argument " + key + " must be an integer, got: '" + text + "'", e);
    }
    if (parsed < 1) {
      throw new IllegalArgumentException(
          "translator argument " + key + " must be at least 1, got: " + parsed);
    }
    return parsed;
  }

  /**
   * {@code compactThreshold} (a single query's break-even pass rate), {@code searchPath} and {@code
   * smallWork}.
   */
  static SearchOptions searchOptions(Map<String, ?> arguments, SearchOptions defaults) {
    double threshold = defaults.compactThreshold();
    Object t = arguments.get("compactThreshold");
    if (t != null) {
      try {
        threshold = Double.parseDouble(t.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "translator argument compactThreshold must be a number, got: '" + t + "'", e);
      }
    }
    Object p = arguments.get("searchPath");
    SearchPath path = p == null ? defaults.path() : SearchPath.parse(p.toString());
    long smallWork = defaults.smallWork();
    Object w = arguments.get("smallWork");
    if (w != null) {
      try {
        smallWork = Long.parseLong(w.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "translator argument smallWork must be an integer, got: '" + w + "'", e);
      }
      if (smallWork < 0) {
        throw new IllegalArgumentException(
            "translator argument smallWork must be at least 0, got: " + smallWork);
      }
    }
    return new SearchOptions(threshold, path, smallWork);
  }
}
