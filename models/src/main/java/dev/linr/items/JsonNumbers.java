package dev.linr.items;

import com.google.gson.JsonPrimitive;
import java.util.regex.Pattern;

/** Number and value-text helpers shared by the readers. */
final class JsonNumbers {
  /** A decimal number as JSON writes it, also allowing a leading '+' and a bare '.5' or '5.'. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  /** NaN and infinity spellings that lenient JSON writers (Python, Gson) produce. */
  private static final Pattern NON_FINITE =
      Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private static final int EXCERPT = 40;

  private JsonNumbers() {}

  /** Whether a JSON number literal has neither fraction nor exponent. */
  static boolean isIntegerLiteral(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  /** The long a CSV cell denotes, or null: optional sign and digits, within the 64-bit range. */
  static Long parseLongOrNull(String text) {
    if (!INTEGER.matcher(text).matches()) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The finite double a CSV cell denotes, or null (no NaN, infinities, hex or type suffixes). */
  static Double parseDoubleOrNull(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return null;
    }
    double d = Double.parseDouble(text);
    return Double.isFinite(d) ? d : null;
  }

  /** The boolean a CSV cell denotes ({@code true}/{@code false}, any case), or null. */
  static Boolean parseBoolOrNull(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Whether text spells NaN or an infinity. */
  static boolean isNonFiniteSpelling(String text) {
    return NON_FINITE.matcher(text).matches();
  }

  /** A string as a JSON literal, cut to a readable length. */
  static String quote(String s) {
    String cut = s.length() > EXCERPT ? s.substring(0, EXCERPT) + "..." : s;
    return new JsonPrimitive(cut).toString();
  }

  /** Trims ASCII spaces and tabs (not other whitespace) from both ends. */
  static String trimSpaces(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
      a++;
    }
    while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
      b--;
    }
    return s.substring(a, b);
  }

  /** Whether a line holds only ASCII spaces and tabs. */
  static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
