package dev.linr.serving.wlm;

/** Messages for failures whose useful part is deep in the cause chain. Stateless. */
final class Failures {
  private Failures() {}

  /**
   * The message of the innermost cause (its class name when it has none), first line only: DJL and
   * libtorch wrap the real reason several levels deep and append native stack traces.
   */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    int newline = m.indexOf('\n');
    return (newline > 0 ? m.substring(0, newline) : m).trim();
  }
}
