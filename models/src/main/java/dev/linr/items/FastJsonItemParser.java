package dev.linr.items;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A fast path for {@link JsonItemParser}: parses one JSON Lines item straight from the line's UTF-8
 * bytes and gives up (returns null, changing nothing) at anything it is not sure of, after which
 * the caller parses the line with {@link JsonItemParser}, which produces the result or the error.
 * So results and errors are the slow path's by construction, as long as this class accepts nothing
 * the slow path rejects and reads what it accepts the same way ({@code FastPathEquivalenceTest}
 * compares the two on random and mutated lines).
 *
 * <p>What it accepts is a subset of strict JSON: an object of the known fields, each at most once,
 * with values of the right shapes; strings of well-formed UTF-8 without control characters, with
 * only JSON's escapes; numbers in JSON's syntax of at most 500 characters and 19 integer digits
 * (Gson stumbles on some longer ones); only spaces and tabs between tokens. Everything the slow
 * path checks against the schema and the earlier items (id kind, dimension, attribute names and
 * types, value ranges) is checked here too, and any failure gives up. The state the slow path keeps
 * (id kind, dimension) and the observer's events are only touched once the whole line has parsed,
 * so giving up leaves no trace.
 *
 * <p>Vector elements are converted exactly as {@link Float#parseFloat} does (see {@link
 * FastNumbers}); attribute numbers as {@link Double#parseDouble} and {@link Long#parseLong} do.
 *
 * <p>The parse needs no bound: every scan stops at a {@code '\n'} or {@code '\r'}, which cannot be
 * part of a valid line, and {@link LineReader} guarantees one after every line.
 */
final class FastJsonItemParser {
  /**
   * Longer numbers are left to the slow path: Gson reads one of 1024 characters or more as an
   * (invalid) unquoted literal.
   */
  private static final int MAX_NUMBER_CHARS = 500;

  /**
   * Gson rejects some integer parts of more digits: it accumulates them in a long and takes one
   * that has wrapped around to exactly 0 for a forbidden leading zero. Those are left to it.
   */
  private static final int MAX_INTEGER_DIGITS = 19;

  private static final int NAME_CACHE = 256;

  private final JsonItemParser owner;
  private final IndexSchema schema;
  private final boolean inlineVectors;
  private final AttributeObserver observer;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Attribute names seen before, by their bytes: the name, and its spec with a schema. */
  private final NameEntry[] names = new NameEntry[NAME_CACHE];

  private float[] scratch = new float[64];
  private int end;

  // results of the scanners below, valid after one returned a position
  private int field;
  private String string;
  private long numM;
  private int numE10;
  private boolean numTruncated;
  private boolean numNegative;
  private boolean numInteger;
  private int numStart;
  private float[] vector;
  private int vectorLength;
  private Map<String, List<Object>> attributes;
  private NameEntry name;

  // the observer's events of the line, replayed once it has parsed
  private String[] eventNames = new String[8];
  private AttributeType[] eventKinds = new AttributeType[8];
  private boolean[] eventArrays = new boolean[8];
  private int events;

  private String[] seen = new String[8];

  private static final class NameEntry {
    final byte[] bytes;
    final String name;
    final AttributeSpec spec;

    NameEntry(byte[] bytes, String name, AttributeSpec spec) {
      this.bytes = bytes;
      this.name = name;
      this.spec = spec;
    }
  }

  FastJsonItemParser(
      JsonItemParser owner, IndexSchema schema, boolean inlineVectors, AttributeObserver observer) {
    this.owner = owner;
    this.schema = schema;
    this.inlineVectors = inlineVectors;
    this.observer = observer;
  }

  /**
   * Parses the line starting at {@code b[start]}; null if the slow path must (the line may be
   * invalid, blank, or merely unusual). On success, {@link #end()} is where the line ends: the
   * first {@code '\n'} or {@code '\r'} after start, which the parse never passes.
   */
  ItemFields parse(byte[] b, int start, long line) {
    events = 0;
    int p = ws(b, start);
    if (b[p] != '{') {
      return null;
    }
    p = ws(b, p + 1);
    ItemId id = null;
    float[] vec = null;
    int dim = 0;
    Map<String, List<Object>> attrs = null;
    OptionalLong expiresAt = null;
    while (true) {
      if (b[p] != '"') {
        return null;
      }
      p = field(b, p);
      if (p < 0) {
        return null;
      }
      p = ws(b, p);
      if (b[p] != ':') {
        return null;
      }
      p = ws(b, p + 1);
      switch (field) {
        case 0: // id
          if (id != null) {
            return null;
          }
          p = id(b, p);
          if (p < 0) {
            return null;
          }
          id = numInteger ? new ItemId.Num(integer(b, p)) : new ItemId.Str(string);
          if (id instanceof ItemId.Num && numM < 0) {
            return null;
          }
          break;
        case 1: // vector
          if (!inlineVectors || vec != null) {
            return null;
          }
          p = vector(b, p);
          if (p < 0) {
            return null;
          }
          vec = vector;
          dim = vectorLength;
          break;
        case 2: // attributes
          if (attrs != null) {
            return null;
          }
          p = attributes(b, p);
          if (p < 0) {
            return null;
          }
          attrs = attributes;
          break;
        default: // expires_at
          if (expiresAt != null) {
            return null;
          }
          if (isNull(b, p)) {
            p += 4;
            expiresAt = OptionalLong.empty();
          } else {
            p = number(b, p);
            if (p < 0 || !numInteger) {
              return null;
            }
            long v = integer(b, p);
            if (numM < 0) {
              return null;
            }
            expiresAt = OptionalLong.of(v);
          }
          break;
      }
      p = ws(b, p);
      byte c = b[p];
      if (c == ',') {
        p = ws(b, p + 1);
      } else if (c == '}') {
        break;
      } else {
        return null;
      }
    }
    int end = ws(b, p + 1);
    if ((b[end] != '\n' && b[end] != '\r') || id == null || (vec == null && inlineVectors)) {
      return null;
    }
    IdType kind = id.type();
    IdType known = owner.idKind();
    if (known != null && known != kind) {
      return null;
    }
    int expected = owner.dimension();
    if (vec != null && expected > 0 && dim != expected) {
      return null;
    }
    // the line is good: now do what the slow path would have done along the way
    this.end = end;
    owner.acceptFast(kind, dim, line);
    for (int i = 0; i < events; i++) {
      observer.observe(eventNames[i], eventKinds[i], eventArrays[i], line);
    }
    return new ItemFields(
        id,
        vec,
        attrs == null ? Map.of() : attrs,
        expiresAt == null ? OptionalLong.empty() : expiresAt);
  }

  /** Where the line last parsed ends. */
  int end() {
    return end;
  }

  private static int ws(byte[] b, int p) {
    byte c;
    while ((c = b[p]) == ' ' || c == '\t') {
      p++;
    }
    return p;
  }

  private static boolean isNull(byte[] b, int p) {
    return b[p] == 'n' && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l';
  }

  /**
   * Reads a top-level field name at {@code b[p] == '"'} into {@link #field} (0 id, 1 vector, 2
   * attributes, 3 expires_at); the position after it, or -1 for any other name.
   */
  private int field(byte[] b, int p) {
    int s = p + 1;
    int q = s;
    byte c;
    while ((c = b[q]) != '"') {
      if (c == '\\' || c < 0x20) {
        // escaped or unusual: decode it properly
        q = string(b, p);
        field = fieldOf(string);
        return q < 0 || field < 0 ? -1 : q;
      }
      q++;
    }
    int n = q - s;
    if (n == 2 && b[s] == 'i' && b[s + 1] == 'd') {
      field = 0;
    } else if (n == 6 && matches(b, s, "vector")) {
      field = 1;
    } else if (n == 10 && matches(b, s, "attributes")) {
      field = 2;
    } else if (n == 10 && matches(b, s, "expires_at")) {
      field = 3;
    } else {
      return -1;
    }
    return q + 1;
  }

  private static int fieldOf(String name) {
    if (name == null) {
      return -1;
    }
    switch (name) {
      case "id":
        return 0;
      case "vector":
        return 1;
      case "attributes":
        return 2;
      case "expires_at":
        return 3;
      default:
        return -1;
    }
  }

  private static boolean matches(byte[] b, int s, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (b[s + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An id: a string (sets {@link #string}) or an integer (sets the number fields). Returns the
   * position after it or -1.
   */
  private int id(byte[] b, int p) {
    byte c = b[p];
    if (c == '"') {
      p = string(b, p);
      if (p < 0 || string.isEmpty()) {
        return -1;
      }
      numInteger = false;
      return p;
    }
    p = number(b, p);
    return p < 0 || !numInteger ? -1 : p;
  }

  /**
   * The long value of the integer literal just scanned, ending at {@code end}; sets {@link #numM}
   * negative if it is outside the 64-bit range.
   */
  private long integer(byte[] b, int end) {
    if (!numTruncated && numE10 == 0) {
      return numNegative ? -numM : numM;
    }
    // 19 or more digits: near or past the limits
    try {
      return Long.parseLong(new String(b, numStart, end - numStart, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      numM = -1;
      return 0;
    }
  }

  /**
   * Scans a number in JSON's syntax at {@code p}, setting the number fields; returns the position
   * after it, or -1 if it is not one.
   */
  private int number(byte[] b, int p) {
    int start = p;
    boolean negative = false;
    if (b[p] == '-') {
      negative = true;
      p++;
    }
    long m = 0;
    int digits = 0;
    int e10 = 0;
    boolean truncated = false;
    boolean integer = true;
    int c = b[p] - '0';
    if (c == 0) {
      c = b[++p] - '0';
      if (c >= 0 && c <= 9) {
        return -1; // leading zero
      }
    } else if (c > 0 && c <= 9) {
      do {
        if (digits < FastNumbers.MAX_DIGITS) {
          m = m * 10 + c;
          digits++;
        } else {
          e10++;
          truncated |= c != 0;
        }
        c = b[++p] - '0';
      } while (c >= 0 && c <= 9);
      if (digits + e10 > MAX_INTEGER_DIGITS) {
        return -1;
      }
    } else {
      return -1;
    }
    if (c == '.' - '0') {
      integer = false;
      c = b[++p] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      do {
        if (digits < FastNumbers.MAX_DIGITS) {
          m = m * 10 + c;
          if (m != 0) {
            digits++;
          }
          e10--;
        } else {
          truncated |= c != 0;
        }
        c = b[++p] - '0';
      } while (c >= 0 && c <= 9);
    }
    if (c == 'e' - '0' || c == 'E' - '0') {
      integer = false;
      p = exponent(b, p + 1);
      if (p < 0) {
        return -1;
      }
      e10 += exponent;
    }
    if (p - start > MAX_NUMBER_CHARS) {
      return -1;
    }
    numM = m;
    numE10 = e10;
    numTruncated = truncated;
    numNegative = negative;
    numInteger = integer;
    numStart = start;
    return p;
  }

  private int exponent;

  /** Scans an exponent's sign and digits at p into {@link #exponent}; the position after, or -1. */
  private int exponent(byte[] b, int p) {
    boolean negative = false;
    byte s = b[p];
    if (s == '-') {
      negative = true;
      p++;
    } else if (s == '+') {
      p++;
    }
    int c = b[p] - '0';
    if (c < 0 || c > 9) {
      return -1;
    }
    int e = 0;
    do {
      if (e < 100_000_000) {
        e = e * 10 + c;
      }
      c = b[++p] - '0';
    } while (c >= 0 && c <= 9);
    exponent = negative ? -e : e;
    return p;
  }

  /** The double value of the number just scanned, as {@link Double#parseDouble} gives it. */
  private double doubleValue(byte[] b, int end) {
    double d = FastNumbers.toDouble(numM, numE10, numTruncated);
    if (d == d) {
      return numNegative ? -d : d;
    }
    return Double.parseDouble(new String(b, numStart, end - numStart, StandardCharsets.ISO_8859_1));
  }

  /**
   * A vector: an array of numbers, each a finite float, as many as the known dimension (or up to
   * the maximum). Sets {@link #vector} and {@link #vectorLength}; returns the position after it or
   * -1.
   */
  private int vector(byte[] b, int p) {
    if (b[p] != '[') {
      return -1;
    }
    p = ws(b, p + 1);
    if (b[p] == ']') {
      return -1; // empty
    }
    int expected = owner.dimension();
    float[] v = expected > 0 ? new float[expected] : scratch;
    int n = 0;
    while (true) {
      if (n == v.length) {
        if (expected > 0 || n >= IndexSchema.MAX_DIMENSION) {
          return -1;
        }
        scratch = v = Arrays.copyOf(v, Math.min(IndexSchema.MAX_DIMENSION, n * 2));
      }
      p = element(b, p, v, n++);
      if (p < 0) {
        return -1;
      }
      byte c = b[p];
      if (c == ',') {
        c = b[++p];
        if (c == ' ' || c == '\t') {
          p = ws(b, p);
        }
        continue;
      }
      if (c == ' ' || c == '\t') {
        p = ws(b, p);
        c = b[p];
        if (c == ',') {
          p = ws(b, p + 1);
          continue;
        }
      }
      if (c == ']') {
        break;
      }
      return -1;
    }
    vector = expected > 0 ? v : Arrays.copyOf(v, n);
    vectorLength = n;
    return p + 1;
  }

  /**
   * For tests: parses the vector element at {@code b[p]} into {@code out[0]} as {@link #vector}
   * does; the position after it, or -1 where the slow path must decide.
   */
  static int elementForTest(byte[] b, int p, float[] out) {
    return element(b, p, out, 0);
  }

  /**
   * For tests: the attribute value at {@code b[p]} as read without a schema, or null where the slow
   * path must decide.
   */
  Object scalarForTest(byte[] b, int p) {
    return scalar(b, p, null) < 0 ? null : value;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ZEROS = 0x3030303030303030L;
  private static final long[] POW10 = {
    1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L
  };
  private static final double[] DOUBLE_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

  /** One high bit in each byte of w that is not an ASCII digit; exact for the lowest such byte. */
  private static long nonDigits(long w) {
    return ((w + 0x4646464646464646L) | (w - ZEROS)) & 0x8080808080808080L;
  }

  /** The value of the eight ASCII digits in w, the first (most significant) in the lowest byte. */
  private static long eightDigits(long w) {
    long v = w - ZEROS;
    v = v * 10 + (v >>> 8);
    v =
        (v & 0x000000FF000000FFL) * (100 + (1000000L << 32))
            + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32));
    return v >>> 32;
  }

  /**
   * The value of the first k (1 to 8) ASCII digits of w: shifted to the top, zeros filled in below.
   * For k = 8 both shifts are by 0 (Java takes long shift distances modulo 64) and w is used as it
   * is ('0' bits are set in digits already).
   */
  private static long digits(long w, int k) {
    int shift = 8 * (8 - k);
    return eightDigits(w << shift | ZEROS >>> (64 - shift));
  }

  /**
   * One vector element at p into {@code out[i]}, exactly as {@link Float#parseFloat} reads its
   * text; the position after it, or -1 if it is not a number or not a finite float (or is one the
   * slow path must judge). Reads digits eight at a time, trying the shapes from the most common:
   * {@link #shortElement}, {@link #elementLong}, {@link #elementSwar}, then {@link #elementScalar}.
   */
  private static int element(byte[] b, int p, float[] out, int i) {
    int q = shortElement(b, p, out, i);
    return q >= 0 ? q : otherElement(b, p, out, i);
  }

  /** {@link #element} for shapes other than {@link #shortElement}'s. */
  private static int otherElement(byte[] b, int p, float[] out, int i) {
    if (p + 48 > b.length) {
      return elementScalar(b, p, out, i);
    }
    // one integer digit, a point and 9 or more digits, as in shortest double representations
    int q = p + (b[p] == '-' ? 1 : 0);
    int first = b[q] - '0';
    if (first >= 0 && first <= 9 && b[q + 1] == '.') {
      return elementLong(b, p, out, i);
    }
    return elementSwar(b, p, out, i);
  }

  /**
   * {@link #element} for the most common shape, small enough for the JIT to inline into {@link
   * #vector}: one integer digit, a point and 1 to 8 digits (as shortest float representations
   * have), no exponent. The position after it, or -1 for any other shape (or too near the end of
   * the buffer).
   */
  private static int shortElement(byte[] b, int p, float[] out, int i) {
    int sign = b[p] == '-' ? 1 : 0;
    int q = p + sign;
    int first = b[q] - '0';
    if (p + 48 > b.length || first < 0 || first > 9 || b[q + 1] != '.') {
      return -1;
    }
    long w = (long) LONGS.get(b, q + 2);
    int k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
    q += 2 + k;
    int after = b[q];
    if (k == 0 || (after >= '0' && after <= '9') || (after | 0x20) == 'e') {
      return -1;
    }
    // m < 10^9 and 10^k are exact doubles, so d is the correctly rounded quotient; it rounds to
    // the right float unless it is exactly a midpoint between two floats
    double d = (first * POW10[k] + digits(w, k)) / DOUBLE_POW10[k];
    if (((int) Double.doubleToRawLongBits(d) & 0x1FFFFFFF) == 0x10000000) {
      return -1;
    }
    out[i] = Float.intBitsToFloat(Float.floatToRawIntBits((float) d) | sign << 31);
    return q;
  }

  /**
   * {@link #element} for one integer digit, a point and 8 to 17 digits, as shortest double
   * representations have; the caller has checked the buffer has room.
   */
  private static int elementLong(byte[] b, int p, float[] out, int i) {
    int sign = b[p] == '-' ? 1 : 0;
    int q = p + sign;
    long m = b[q] - '0';
    q += 2;
    long w = (long) LONGS.get(b, q);
    int k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
    if (k != 8) {
      return elementSwar(b, p, out, i);
    }
    m = m * 100_000_000L + eightDigits(w);
    int fraction = 8;
    q += 8;
    w = (long) LONGS.get(b, q);
    k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
    if (k == 8) {
      m = m * 100_000_000L + eightDigits(w);
      fraction = 16;
      q += 8;
      w = (long) LONGS.get(b, q);
      k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
      if (k > 1) {
        return elementSwar(b, p, out, i); // more than 17 digits
      }
    }
    if (k > 0) {
      m = m * POW10[k] + digits(w, k);
      fraction += k;
      q += k;
    }
    // b[q] is not a digit; m has at most 18 digits
    if ((b[q] | 0x20) != 'e') {
      float f = m == 0 ? 0.0f : FastNumbers.toFloat(m, -fraction);
      if (f == f) {
        out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(f) | sign << 31);
        return q;
      }
    }
    return elementSwar(b, p, out, i);
  }

  /** {@link #element} for numbers of other shapes: up to 18 digits, no exponent. */
  private static int elementSwar(byte[] b, int p, float[] out, int i) {
    int start = p;
    if (p + 48 > b.length) {
      return elementScalar(b, start, out, i);
    }
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    long w = (long) LONGS.get(b, p);
    int k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
    if (k == 0 || k == 8 || (k > 1 && b[p] == '0')) {
      return elementScalar(b, start, out, i);
    }
    long m = digits(w, k);
    p += k;
    int significant = m == 0 ? 0 : k;
    int e10 = 0;
    if (b[p] == '.') {
      p++;
      while (true) {
        if (p + 8 > b.length) {
          return elementScalar(b, start, out, i);
        }
        w = (long) LONGS.get(b, p);
        k = Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
        if (k == 8) {
          if (significant + 8 > FastNumbers.MAX_DIGITS) {
            return elementScalar(b, start, out, i);
          }
          m = m * 100_000_000L + eightDigits(w);
          significant = m == 0 ? 0 : significant + 8;
          e10 -= 8;
          p += 8;
          continue;
        }
        if (k == 0) {
          if (e10 == 0) {
            return -1; // no digit after the point
          }
          break;
        }
        if (significant + k > FastNumbers.MAX_DIGITS) {
          return elementScalar(b, start, out, i);
        }
        m = m * POW10[k] + digits(w, k);
        e10 -= k;
        p += k;
        break;
      }
    }
    byte c = b[p];
    if (c == 'e' || c == 'E' || p - start > MAX_NUMBER_CHARS) {
      return elementScalar(b, start, out, i);
    }
    float f;
    if (m == 0) {
      f = negative ? -0.0f : 0.0f;
    } else {
      f = FastNumbers.toFloat(m, e10);
      if (f != f) {
        return elementScalar(b, start, out, i);
      }
      f = negative ? -f : f;
    }
    out[i] = f;
    return p;
  }

  /** {@link #element} for any number, one byte at a time. */
  private static int elementScalar(byte[] b, int p, float[] out, int i) {
    int start = p;
    boolean negative = false;
    if (b[p] == '-') {
      negative = true;
      p++;
    }
    long m = 0;
    int digits = 0;
    int e10 = 0;
    int c = b[p] - '0';
    if (c == 0) {
      c = b[++p] - '0';
      if (c >= 0 && c <= 9) {
        return -1; // leading zero
      }
    } else if (c > 0 && c <= 9) {
      do {
        if (digits < FastNumbers.MAX_DIGITS) {
          m = m * 10 + c;
          digits++;
        } else {
          e10++;
        }
        c = b[++p] - '0';
      } while (c >= 0 && c <= 9);
      if (digits + e10 > MAX_INTEGER_DIGITS) {
        return -1;
      }
    } else {
      return -1;
    }
    if (c == '.' - '0') {
      c = b[++p] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      do {
        if (digits < FastNumbers.MAX_DIGITS) {
          m = m * 10 + c;
          if (m != 0) {
            digits++;
          }
          e10--;
        }
        c = b[++p] - '0';
      } while (c >= 0 && c <= 9);
    }
    if (c == 'e' - '0' || c == 'E' - '0') {
      c = b[++p];
      boolean negativeExponent = false;
      if (c == '-') {
        negativeExponent = true;
        c = b[++p];
      } else if (c == '+') {
        c = b[++p];
      }
      c -= '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      int e = 0;
      do {
        if (e < 100_000_000) {
          e = e * 10 + c;
        }
        c = b[++p] - '0';
      } while (c >= 0 && c <= 9);
      e10 += negativeExponent ? -e : e;
    }
    if (p - start > MAX_NUMBER_CHARS) {
      return -1;
    }
    float f;
    if (m == 0) {
      f = negative ? -0.0f : 0.0f;
    } else {
      f = FastNumbers.toFloat(m, e10);
      if (f == f) {
        f = negative ? -f : f;
      } else {
        f = Float.parseFloat(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
        if (Float.isInfinite(f)) {
          return -1;
        }
      }
    }
    out[i] = f;
    return p;
  }

  /**
   * A string at {@code b[p] == '"'} into {@link #string}; the position after its closing quote, or
   * -1 for control characters, malformed UTF-8 or escapes other than JSON's.
   */
  private int string(byte[] b, int p) {
    int s = p + 1;
    int q = s;
    boolean ascii = true;
    byte c;
    while ((c = b[q]) != '"') {
      if (c < 0x20) {
        if (c >= 0) {
          return -1; // a control character, or the end of the line
        }
        ascii = false;
      } else if (c == '\\') {
        return escaped(b, s);
      }
      q++;
    }
    if (ascii) {
      string = new String(b, s, q - s, StandardCharsets.ISO_8859_1);
    } else if ((string = utf8(b, s, q)) == null) {
      return -1;
    }
    return q + 1;
  }

  /** The rest of a string with escapes, its content starting at s. */
  private int escaped(byte[] b, int s) {
    StringBuilder sb = new StringBuilder();
    int run = s;
    int q = s;
    boolean ascii = true;
    while (true) {
      byte c = b[q];
      if (c == '"' || c == '\\') {
        if (q > run) {
          if (ascii) {
            for (int i = run; i < q; i++) {
              sb.append((char) b[i]);
            }
          } else {
            String part = utf8(b, run, q);
            if (part == null) {
              return -1;
            }
            sb.append(part);
          }
        }
        if (c == '"') {
          string = sb.toString();
          return q + 1;
        }
        byte e = b[q + 1];
        q += 2;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append((char) e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            int v = 0;
            for (int i = 0; i < 4; i++) {
              int h = hex(b[q + i]);
              if (h < 0) {
                return -1;
              }
              v = v << 4 | h;
            }
            sb.append((char) v);
            q += 4;
            break;
          default:
            return -1;
        }
        run = q;
        ascii = true;
        continue;
      }
      if (c < 0x20) {
        if (c >= 0) {
          return -1;
        }
        ascii = false;
      }
      q++;
    }
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private String utf8(byte[] b, int from, int to) {
    try {
      return utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The attributes value: null or an object. Sets {@link #attributes}; position after, or -1. */
  private int attributes(byte[] b, int p) {
    if (isNull(b, p)) {
      attributes = Map.of();
      return p + 4;
    }
    if (b[p] != '{') {
      return -1;
    }
    p = ws(b, p + 1);
    Map<String, List<Object>> out = null;
    int count = 0;
    if (b[p] != '}') {
      while (true) {
        if (b[p] != '"') {
          return -1;
        }
        p = attributeName(b, p);
        if (p < 0) {
          return -1;
        }
        String n = name.name;
        AttributeSpec spec = name.spec;
        for (int i = 0; i < count; i++) {
          if (seen[i].equals(n)) {
            return -1; // duplicate
          }
        }
        if (count == seen.length) {
          seen = Arrays.copyOf(seen, count * 2);
        }
        seen[count++] = n;
        p = ws(b, p);
        if (b[p] != ':') {
          return -1;
        }
        p = ws(b, p + 1);
        byte c = b[p];
        if (c == 'n') {
          if (!isNull(b, p)) {
            return -1;
          }
          p += 4;
          event(n, null, false);
        } else if (c == '[') {
          p = array(b, p, n, spec);
          if (p < 0) {
            return -1;
          }
          if (values != null) {
            if (out == null) {
              out = new LinkedHashMap<>();
            }
            out.put(n, values);
          }
        } else {
          p = scalar(b, p, spec);
          if (p < 0) {
            return -1;
          }
          event(n, JsonAttributeReader.kindOf(value), false);
          if (out == null) {
            out = new LinkedHashMap<>();
          }
          out.put(n, List.of(value));
        }
        p = ws(b, p);
        c = b[p];
        if (c == ',') {
          p = ws(b, p + 1);
        } else if (c == '}') {
          break;
        } else {
          return -1;
        }
      }
    }
    attributes = out == null ? Map.of() : Collections.unmodifiableMap(out);
    return p + 1;
  }

  /**
   * An attribute name at {@code b[p] == '"'}: a valid name (and, with a schema, one it declares).
   * Sets {@link #name}; the position after it, or -1.
   */
  private int attributeName(byte[] b, int p) {
    int s = p + 1;
    int q = s;
    int hash = 0;
    byte c;
    while ((c = b[q]) != '"') {
      if (c < 0x20 || c == '\\') {
        return -1; // not a plain name; the slow path decides
      }
      hash = 31 * hash + c;
      q++;
    }
    int slot = (hash ^ hash >>> 16) & (NAME_CACHE - 1);
    NameEntry e = names[slot];
    if (e == null || !Arrays.equals(e.bytes, 0, e.bytes.length, b, s, q)) {
      String n = new String(b, s, q - s, StandardCharsets.ISO_8859_1);
      AttributeSpec spec = null;
      if (schema != null) {
        spec = schema.attribute(n).orElse(null);
        if (spec == null) {
          return -1;
        }
      } else {
        try {
          new AttributeSpec(n, AttributeType.STRING, false);
        } catch (IllegalArgumentException invalid) {
          return -1;
        }
      }
      e = new NameEntry(Arrays.copyOfRange(b, s, q), n, spec);
      names[slot] = e;
    }
    name = e;
    return q + 1;
  }

  private Object value;
  private List<Object> values;

  /**
   * An array attribute value at {@code b[p] == '['}. Sets {@link #values} (null for an empty array)
   * and reports the event; the position after it, or -1.
   */
  private int array(byte[] b, int p, String n, AttributeSpec spec) {
    p = ws(b, p + 1);
    if (b[p] == ']') {
      event(n, null, true);
      values = null;
      return p + 1;
    }
    if (spec != null && !spec.multiValued()) {
      return -1;
    }
    List<Object> list = new ArrayList<>();
    AttributeType kind = null;
    boolean widen = false;
    while (true) {
      p = scalar(b, p, spec);
      if (p < 0) {
        return -1;
      }
      AttributeType k = JsonAttributeReader.kindOf(value);
      if (kind == null || kind == k) {
        kind = k;
      } else if (JsonAttributeReader.isNumber(kind) && JsonAttributeReader.isNumber(k)) {
        kind = AttributeType.FLOAT;
        widen = true;
      } else {
        return -1;
      }
      list.add(value);
      p = ws(b, p);
      byte c = b[p];
      if (c == ',') {
        p = ws(b, p + 1);
      } else if (c == ']') {
        break;
      } else {
        return -1;
      }
    }
    if (widen) {
      list.replaceAll(v -> v instanceof Long l ? (Object) l.doubleValue() : v);
    }
    event(n, kind, true);
    values = Collections.unmodifiableList(list);
    return p + 1;
  }

  /**
   * One scalar attribute value converted to the schema's type (or kept as its literal type), into
   * {@link #value}; the position after it, or -1 (also for null, arrays and objects).
   */
  private int scalar(byte[] b, int p, AttributeSpec spec) {
    byte c = b[p];
    AttributeType kind;
    boolean bool = false;
    if (c == '"') {
      p = string(b, p);
      if (p < 0) {
        return -1;
      }
      kind = AttributeType.STRING;
    } else if (c == 't') {
      if (b[p + 1] != 'r' || b[p + 2] != 'u' || b[p + 3] != 'e') {
        return -1;
      }
      p += 4;
      kind = AttributeType.BOOL;
      bool = true;
    } else if (c == 'f') {
      if (b[p + 1] != 'a' || b[p + 2] != 'l' || b[p + 3] != 's' || b[p + 4] != 'e') {
        return -1;
      }
      p += 5;
      kind = AttributeType.BOOL;
    } else {
      p = number(b, p);
      if (p < 0) {
        return -1;
      }
      kind = numInteger ? AttributeType.INT : AttributeType.FLOAT;
    }
    AttributeType target = spec == null ? kind : spec.type();
    if (kind != target && !(target == AttributeType.FLOAT && kind == AttributeType.INT)) {
      return -1;
    }
    switch (target) {
      case STRING:
        value = string;
        break;
      case BOOL:
        value = bool;
        break;
      case INT:
        long v = integer(b, p);
        if (numM < 0) {
          return -1;
        }
        value = v;
        break;
      default:
        double d = doubleValue(b, p);
        if (!Double.isFinite(d)) {
          return -1;
        }
        value = d;
        break;
    }
    return p;
  }

  private void event(String n, AttributeType kind, boolean array) {
    if (observer == null) {
      return;
    }
    if (events == eventNames.length) {
      eventNames = Arrays.copyOf(eventNames, events * 2);
      eventKinds = Arrays.copyOf(eventKinds, events * 2);
      eventArrays = Arrays.copyOf(eventArrays, events * 2);
    }
    eventNames[events] = n;
    eventKinds[events] = kind;
    eventArrays[events] = array;
    events++;
  }
}
