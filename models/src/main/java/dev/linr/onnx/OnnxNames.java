package dev.linr.onnx;

import java.util.regex.Pattern;

/** Checks the names of graph values, nodes and attributes. */
final class OnnxNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]*");

  private OnnxNames() {}

  /** {@code name}, if it is a plain identifier-like name ({@code w0}, {@code layer.1/out}). */
  static String require(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " must start with a letter or '_' and hold only letters, digits, '_', '.', ':',"
              + " '/' and '-', got: "
              + (name == null ? "null" : "'" + name + "'"));
    }
    return name;
  }
}
