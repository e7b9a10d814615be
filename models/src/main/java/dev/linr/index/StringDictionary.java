package dev.linr.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes for the values of one string attribute, in first-seen order. A value that was never seen
 * has no code, so a filter on it matches nothing. Not thread-safe.
 */
public final class StringDictionary {
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> values = new ArrayList<>();

  /** The code of {@code value}, adding it if new. */
  public int add(String value) {
    Integer code = codes.get(value);
    if (code == null) {
      code = values.size();
      codes.put(value, code);
      values.add(value);
    }
    return code;
  }

  /** The code of {@code value}, or -1 if it was never seen. */
  public int code(String value) {
    Integer code = codes.get(value);
    return code == null ? -1 : code;
  }

  /** The value of a code. */
  public String value(int code) {
    return values.get(code);
  }

  public int size() {
    return values.size();
  }

  /** Values by code. */
  public List<String> values() {
    return Collections.unmodifiableList(values);
  }

  /** A dictionary holding these values, coded by position. */
  public static StringDictionary of(List<String> values) {
    StringDictionary d = new StringDictionary();
    for (String v : values) {
      if (d.add(v) != d.size() - 1) {
        throw new IllegalArgumentException("duplicate dictionary value '" + v + "'");
      }
    }
    return d;
  }
}
