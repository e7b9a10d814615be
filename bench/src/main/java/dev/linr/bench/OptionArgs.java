package dev.linr.bench;

/**
 * The shared steps of the bench command lines whose usage line lists each valued option as {@code
 * [--name VALUE]}: checking an option against the usage, taking its value, parsing a positive
 * integer.
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

  /** The option's value as an integer of at least 1, or an error naming the option. */
  static int positive(String option, String value) {
    int v;
    try {
      v = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got: " + value);
    }
    if (v < 1) {
      throw new IllegalArgumentException(option + " must be positive, got: " + v);
    }
    return v;
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
