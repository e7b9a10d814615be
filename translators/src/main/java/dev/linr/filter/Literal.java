package dev.linr.filter;

import java.util.Objects;

/**
 * A constant in a filter: a string, a 64-bit integer, a finite double or a boolean. {@link
 * #toString()} is the literal as written in the filter language ({@code 'it''s'}, {@code -5},
 * {@code 0.5}, {@code true}); a {@link Float} always prints with a fraction or exponent, so it
 * reads back as a float.
 */
public sealed interface Literal permits Literal.Str, Literal.Int, Literal.Float, Literal.Bool {

  /** The value as a Java object: String, Long, Double or Boolean. */
  Object boxed();

  /** The type name used in messages: {@code string}, {@code int}, {@code float} or {@code bool}. */
  String typeName();

  /** Whether this is an {@link Int} or a {@link Float}. */
  default boolean isNumber() {
    return this instanceof Int || this instanceof Float;
  }

  /**
   * The literal for a Java value: String, Long/Integer/Short/Byte (int), Double/Float (float) or
   * Boolean.
   *
   * @throws IllegalArgumentException for other types and for NaN or infinite numbers
   */
  static Literal of(Object value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof Literal l) {
      return l;
    }
    if (value instanceof String s) {
      return new Str(s);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return new Int(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof java.lang.Float) {
      return new Float(((Number) value).doubleValue());
    }
    if (value instanceof Boolean b) {
      return new Bool(b);
    }
    throw new IllegalArgumentException(
        "a filter literal must be a String, Long, Double or Boolean, got "
            + value.getClass().getName());
  }

  /** A string; compared for equality only. */
  record Str(String value) implements Literal {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object boxed() {
      return value;
    }

    @Override
    public String typeName() {
      return "string";
    }

    /** Single-quoted, with each quote doubled. */
    @Override
    public String toString() {
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /** A 64-bit signed integer. */
  record Int(long value) implements Literal {
    @Override
    public Object boxed() {
      return value;
    }

    @Override
    public String typeName() {
      return "int";
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A finite double. {@code -0.0} and {@code 0.0} are different literals but equal numbers. */
  record Float(double value) implements Literal {
    public Float {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a float literal must be finite, got " + value);
      }
    }

    @Override
    public Object boxed() {
      return value;
    }

    @Override
    public String typeName() {
      return "float";
    }

    /** {@link Double#toString(double)}: always has a '.' (and maybe an exponent). */
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** true or false. */
  record Bool(boolean value) implements Literal {
    @Override
    public Object boxed() {
      return value;
    }

    @Override
    public String typeName() {
      return "bool";
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }
}
