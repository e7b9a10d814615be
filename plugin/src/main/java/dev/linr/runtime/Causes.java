package dev.linr.runtime;

/** Messages for failures whose useful part lies deep in the cause chain. Stateless. */
public final class Causes {
  private Causes() {}

  /**
   * The message of the innermost cause (its {@code toString()} when it has none), first line only:
   * DJL and libtorch wrap the real reason several levels deep and append native stack traces.
   */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    int newline = m.indexOf('\n');
    return (newline > 0 ? m.substring(0, newline) : m).trim();
  }
}
