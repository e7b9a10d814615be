package dev.linr.torchscript;

import java.util.Set;
import java.util.regex.Pattern;

/** Checks names that end up in TorchScript source: Python identifiers that are not keywords. */
final class Identifiers {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private Identifiers() {}

  /**
   * Returns {@code name} if it is a valid identifier.
   *
   * @param what what the name is for, used in the error message
   * @throws IllegalArgumentException if it is not
   */
  static String require(String name, String what) {
    if (name == null || !IDENTIFIER.matcher(name).matches() || KEYWORDS.contains(name)) {
      throw new IllegalArgumentException(
          "invalid " + what + " '" + name + "': must be a Python identifier and not a keyword");
    }
    return name;
  }
}
