package dev.linr.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared steps of the bench command lines whose usage line lists each valued option as {@code
 * [--name VALUE]}: checking an option against the usage, taking its value, and parsing it (a
 * positive integer, an integer in a range, a list of them, a path), each error naming the option.
 */
final class OptionArgs {

  private OptionArgs() {}

  /**
   * The value of the option at {@code args[i]}, which is {@code args[i + 1]}.
   *
   * @throws IllegalArgumentException when the usage lists no such valued option ("unknown option
   *     ...; usage: ...") or the arguments end before its value ("... needs a value")
   */
  static String value(String[] args, int i, String usage) {
    String option = args[i];
    if (!option.startsWith("--") || !usage.contains("[" + option + " ")) {
      throw new IllegalArgumentException("unknown option " + option + "; usage: " + usage);
    }
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i + 1];
  }

  /**
   * The valued options given ({@code --name value} pairs), by name, each checked against the usage
   * as {@link #value} checks it; a later occurrence of an option replaces an earlier one.
   */
  static Map<String, String> given(String[] args, String usage) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      out.put(args[i], value(args, i, usage));
    }
    return out;
  }

  /** The given option's integer value in [min, max], or {@code fallback} when it is not given. */
  static long number(Map<String, String> given, String option, long fallback, long min, long max) {
    String v = given.get(option);
    return v == null ? fallback : number(option, v, min, max);
  }

  /** An integer option's value in [min, max], or an error naming the option. */
  static long number(String option, String value, long min, long max) {
    long v = integer(option, value);
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", got: " + value);
    }
    return v;
  }

  /**
   * The given option's comma-separated integers, each in [min, max], or {@code fallback} when it is
   * not given.
   */
  static int[] list(Map<String, String> given, String option, int[] fallback, int min, int max) {
    String v = given.get(option);
    if (v == null) {
      return fallback;
    }
    String[] parts = v.split(",", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (int) number(option, parts[i].trim(), min, max);
    }
    return out;
  }

  /** The given option's path, or {@code fallback} when it is not given. */
  static Path path(Map<String, String> given, String option, Path fallback) {
    String v = given.get(option);
    return v == null ? fallback : Path.of(v);
  }

  /**
   * The option's value (surrounding blanks ignored) as an int of at least 1, or an error naming the
   * option.
   */
  static int positive(String option, String value) {
    long v = integer(option, value.trim());
    if (v < 1) {
      throw new IllegalArgumentException(option + " must be positive, got: " + v);
    }
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          option + " must be at most " + Integer.MAX_VALUE + ", got: " + v);
    }
    return (int) v;
  }

  /** An option's value as a long, or an error naming the option. */
  private static long integer(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got: " + value, e);
    }
  }

  /**
   * Checks that {@code --queries} fills at least one {@link LinrFilterRuns#BATCH} batch.
   *
   * @throws IllegalArgumentException naming the option when it does not
   */
  static void oneBatchOfQueries(int queries) {
    if (queries < LinrFilterRuns.BATCH) {
      throw new IllegalArgumentException(
          "--queries must be at least "
              + LinrFilterRuns.BATCH
              + " (one B=32 batch), got: "
              + queries);
    }
  }
}
