package dev.linr.runtime;

import ai.djl.translate.TranslateException;

/** Maps DJL's translate failures back to the exception that caused them. */
final class SearchFailures {
  private SearchFailures() {}

  /**
   * The user error inside a {@link TranslateException} (an {@link IllegalArgumentException} naming
   * the field), or an {@link IllegalStateException} for an engine failure.
   */
  static RuntimeException unwrap(TranslateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException iae) {
        return iae;
      }
    }
    return new IllegalStateException("search failed: " + e.getMessage(), e);
  }
}
