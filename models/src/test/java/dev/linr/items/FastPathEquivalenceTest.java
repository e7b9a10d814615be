package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast JSON Lines path ({@link FastJsonItemParser}) must give exactly what the Gson path gives:
 * the same items, the same observer events, the same errors. Compared here on random lines, valid
 * and mutated, with and without a schema and a {@code .npy} file, and number by number against
 * {@link Float#parseFloat} and {@link Double#parseDouble}.
 */
class FastPathEquivalenceTest {
  @TempDir Path dir;

  // ---------------------------------------------------------------- numbers

  @Test
  void vectorElementsAreExactlyWhatFloatParseFloatGives() {
    Random r = new Random(7);
    for (int i = 0; i < 150_000; i++) {
      checkFloat(randomNumber(r), i % 8 == 0);
    }
    for (String s : FIXED_NUMBERS) {
      checkFloat(s, true);
    }
    // midpoints between adjacent floats, exactly and a hair either side, in many notations
    for (int i = 0; i < 15_000; i++) {
      for (String s : nearMidpoint(r)) {
        checkFloat(s, i % 8 == 0);
      }
    }
  }

  @Test
  void invalidNumbersAreLeftToTheSlowPath() {
    for (String s :
        new String[] {
          "01",
          "-01",
          "1.",
          "-",
          "+1",
          ".5",
          "1e",
          "1e+",
          "1E-",
          "--1",
          "0x10",
          "1.e5",
          "-.5",
          "1..2",
          "NaN",
          "Infinity",
          "-Infinity",
          "1e39",
          "-3.5e38",
          "1" + "0".repeat(40),
          "1" + "0".repeat(600),
          "0." + "0".repeat(600) + "1",
          "tru",
          "\"1\""
        }) {
      for (int pad : new int[] {0, 64}) {
        byte[] b = withTail(s, pad);
        int q = FastJsonItemParser.elementForTest(b, 0, new float[1]);
        assertTrue(q < 0 || b[q] != ']', s + " (pad " + pad + ") was taken as a number");
      }
    }
  }

  @Test
  void attributeNumbersAreExactlyWhatDoubleParseDoubleGives() {
    FastJsonItemParser fast = new JsonItemParser(dir.resolve("x"), null, null, null).fastPath();
    Random r = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      String s = randomNumber(r);
      byte[] b = withTail(s, 64);
      Object v = fast.scalarForTest(b, 0);
      if (integerDigits(s) > 19) {
        assertNull(v, s);
        continue;
      }
      boolean integer = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
      if (integer) {
        Long expected = parseLongOrNull(s);
        assertEquals(expected, v, s);
      } else {
        double d = Double.parseDouble(s);
        if (Double.isFinite(d)) {
          assertEquals(Double.valueOf(d), v, s);
        } else {
          assertNull(v, s);
        }
      }
    }
  }

  private static Long parseLongOrNull(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final String[] FIXED_NUMBERS = {
    "0",
    "-0",
    "0.0",
    "-0.0",
    "0e0",
    "-0E-0",
    "0.000",
    "1",
    "-1",
    "1e0",
    "1E+0",
    "1.5",
    "0.1",
    "0.5",
    "3.4028235e38",
    "3.4028234663852886e38",
    "3.4028235677973366e38",
    "3.4028235677973365e38",
    "3.4028235677973367e38",
    "1.17549435e-38",
    "1.1754942e-38",
    "1.4e-45",
    "1.401298464324817e-45",
    "7.006492321624085e-46",
    "7.006492321624086e-46",
    "7.0e-46",
    "1e-46",
    "2.8e-45",
    "1e-50",
    "1e-400",
    "1e400",
    "0e999999999",
    "1e-999999999",
    "123456789012345678901234567890",
    "0.000000000000000000000000000000000000000012345",
    "16777216",
    "16777217",
    "16777218",
    "16777219",
    "33554433",
    "1.00000005960464477539062500",
    "1.00000005960464477539062501",
    "1.00000005960464477539062499",
    "9007199254740993",
    "-9223372036854775808",
    "9223372036854775807",
    "9223372036854775808",
    "1.0E10",
    "1.0E-5",
    "0.012345678",
    "0.123456789",
    "1.23456789",
    "9.99999999",
    "0.30000001192092896",
    "0.30000001192092895",
    "0.30000001192092897",
    "1.0000000000000002",
    "4.9e-324",
    "1e-45",
    "1.5e-45",
    "2.1019476964872256e-45",
    "1e23",
    "1e22",
    "8.589973e9",
    "8.589974e9",
    "1e-10",
    "0.0000001",
    "100000000",
    "12345678.9",
    "0.99999999",
    "0.999999999999",
    "9.999999999999999e37"
  };

  /** Digits before the point: more than 19 are left to Gson, which rejects some of them. */
  private static int integerDigits(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int n = 0;
    while (i + n < s.length() && Character.isDigit(s.charAt(i + n))) {
      n++;
    }
    return n;
  }

  /**
   * @param allPads also at other distances from the end of the buffer, where the reads change
   */
  private static void checkFloat(String s, boolean allPads) {
    float expected = Float.parseFloat(s);
    if (integerDigits(s) > 19) {
      for (int pad : new int[] {0, 64}) {
        assertTrue(FastJsonItemParser.elementForTest(withTail(s, pad), 0, new float[1]) < 0, s);
      }
      return;
    }
    // at the end of a buffer (one byte at a time) and with room after it (eight at a time)
    for (int pad : allPads ? new int[] {0, 1, 7, 47, 64} : new int[] {0, 64}) {
      byte[] b = withTail(s, pad);
      float[] out = {Float.NaN};
      int q = FastJsonItemParser.elementForTest(b, 0, out);
      if (Float.isInfinite(expected)) {
        assertTrue(q < 0, s + " is outside the float range and must be left to the slow path");
      } else {
        assertEquals(s.length(), q, s + ": end (pad " + pad + ")");
        assertEquals(
            Float.floatToRawIntBits(expected),
            Float.floatToRawIntBits(out[0]),
            s + " (pad " + pad + "): " + expected + " vs " + out[0]);
      }
    }
  }

  /** The text, then ']', then pad bytes of digits that must not be read as part of it. */
  private static byte[] withTail(String s, int pad) {
    byte[] t = s.getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[t.length + 1 + pad];
    System.arraycopy(t, 0, b, 0, t.length);
    b[t.length] = ']';
    Arrays.fill(b, t.length + 1, b.length, (byte) '7');
    return b;
  }

  /** A JSON number of one of many shapes. */
  static String randomNumber(Random r) {
    switch (r.nextInt(12)) {
      case 0:
        return Float.toString(randomFiniteFloat(r));
      case 1:
      case 2:
        return Float.toString((float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3)));
      case 3:
        return Double.toString(r.nextGaussian());
      case 4:
        return Double.toString((double) randomFiniteFloat(r));
      case 5:
        return Double.toString((double) (float) r.nextGaussian());
      case 6:
        return randomDigits(r);
      case 7:
        return Long.toString(r.nextBoolean() ? r.nextLong() : r.nextInt(2000) - 1000);
      case 8:
        return (r.nextBoolean() ? "-" : "") + "1" + "0".repeat(r.nextInt(25)) + r.nextInt(10);
      case 9:
        {
          BigDecimal exact = new BigDecimal(randomFiniteFloat(r));
          return r.nextBoolean()
              ? exact.toString()
              : exact.round(new MathContext(1 + r.nextInt(20))).toString();
        }
      case 10:
        return Float.toString(Float.MIN_VALUE * (1 + r.nextInt(1 << 24)))
            .replace("E", r.nextBoolean() ? "e" : "E");
      default:
        return nearMidpoint(r).get(r.nextInt(3));
    }
  }

  private static float randomFiniteFloat(Random r) {
    while (true) {
      float f = Float.intBitsToFloat(r.nextInt());
      if (Float.isFinite(f)) {
        return f;
      }
    }
  }

  private static String randomDigits(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append('-');
    }
    int intDigits = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 3 : 25);
    if (intDigits == 0) {
      sb.append('0');
    } else {
      sb.append((char) ('1' + r.nextInt(9)));
      for (int i = 1; i < intDigits; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextInt(4) != 0) {
      sb.append('.');
      int n = 1 + r.nextInt(r.nextBoolean() ? 9 : 30);
      for (int i = 0; i < n; i++) {
        sb.append((char) ('0' + (r.nextInt(3) == 0 ? 0 : r.nextInt(10))));
      }
    }
    if (r.nextInt(3) == 0) {
      sb.append(r.nextBoolean() ? 'e' : 'E');
      int e = r.nextInt(100) - 50;
      sb.append(e < 0 ? "-" : r.nextBoolean() ? "+" : "").append(Math.abs(e));
    }
    return sb.toString();
  }

  /** A midpoint between two adjacent floats: exactly, a little below and a little above. */
  private static List<String> nearMidpoint(Random r) {
    float f = Math.abs(randomFiniteFloat(r));
    if (r.nextBoolean()) {
      // bias toward everyday magnitudes
      f = (float) Math.abs(r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
    }
    float g = Math.nextUp(f);
    if (!Float.isFinite(g)) {
      g = f;
      f = Math.nextDown(f);
    }
    BigDecimal mid = new BigDecimal(f).add(new BigDecimal(g)).divide(BigDecimal.valueOf(2));
    BigDecimal tiny = mid.ulp().multiply(BigDecimal.valueOf(1 + r.nextInt(9)));
    String sign = r.nextBoolean() ? "-" : "";
    List<String> out = new ArrayList<>();
    for (BigDecimal v : new BigDecimal[] {mid, mid.subtract(tiny), mid.add(tiny)}) {
      String s = r.nextBoolean() ? v.toString() : v.toPlainString();
      if (r.nextInt(4) == 0) {
        s = v.round(new MathContext(17 + r.nextInt(6))).toString();
      }
      out.add(sign + s);
    }
    return out;
  }

  // ---------------------------------------------------------------- whole lines

  /** Attribute kinds a random file uses: name to type and multi-valued. */
  private record Attr(String name, AttributeType type, boolean multi) {}

  private static final String[] NAMES = {
    "geo", "company", "skills", "quality", "posted_at", "sponsored", "_x", "A1", "tags", "w"
  };

  private static final String[] WORDS = {
    "us",
    "java",
    "ml",
    "",
    "é",
    "€uro",
    "日本語",
    "😀",
    "a\"b",
    "back\\slash",
    "tab\there",
    "nl\nx",
    "/slash",
    "\u0001ctl",
    "\u007f",
    "x".repeat(40),
    "\ud83d\ude00 emoji"
  };

  @Test
  void randomValidFilesReadTheSameBothWays() throws IOException {
    Random r = new Random(42);
    long fastTotal = 0;
    long lines = 0;
    for (int file = 0; file < 8; file++) {
      int dim = file % 3 == 0 ? 128 : 1 + r.nextInt(12);
      boolean stringIds = file % 2 == 1;
      List<Attr> attrs = randomAttrs(r);
      IndexSchema schema = schemaOf(dim, stringIds, attrs);
      List<byte[]> text = new ArrayList<>();
      int n = 300 + r.nextInt(300);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(50) == 0) {
          text.add(r.nextBoolean() ? new byte[0] : " \t ".getBytes(StandardCharsets.US_ASCII));
        }
        text.add(utf8(randomLine(r, i, dim, stringIds, attrs, true, false)));
      }
      Path f = write("valid" + file + ".jsonl", text, r);
      ItemFiles files = ItemFiles.jsonl(f);
      for (IndexSchema s : new IndexSchema[] {null, schema}) {
        Outcome slow = read(files, s, false);
        Outcome fast = read(files, s, true);
        assertEquals(slow.toString(), fast.toString(), f + (s == null ? "" : " with schema"));
        assertNull(slow.error, f + ": " + slow.error);
        assertEquals(n + 1, slow.items.size()); // and the count line
        fastTotal += fast.fastLines;
        lines += n;
      }
    }
    // all of these lines are plain enough for the fast path
    assertEquals(lines, fastTotal, "lines that took the fast path");
  }

  @Test
  void mutatedLinesFailOrPassTheSameBothWays() throws IOException {
    Random r = new Random(4242);
    int failures = 0;
    int cases = 0;
    for (int file = 0; file < 6; file++) {
      int dim = 1 + r.nextInt(6);
      boolean stringIds = r.nextBoolean();
      List<Attr> attrs = randomAttrs(r);
      IndexSchema schema = schemaOf(dim, stringIds, attrs);
      for (int c = 0; c < 150; c++) {
        // a good first line fixes the id kind and dimension; the second is mutated
        byte[] first = utf8(randomLine(r, 0, dim, stringIds, attrs, true, false));
        byte[] second = mutate(r, utf8(randomLine(r, 1, dim, stringIds, attrs, true, false)));
        Path f = write("mutated" + file + "_" + c + ".jsonl", List.of(first, second), r);
        ItemFiles files = ItemFiles.jsonl(f);
        for (IndexSchema s : new IndexSchema[] {null, schema}) {
          Outcome slow = read(files, s, false);
          Outcome fast = read(files, s, true);
          assertEquals(slow.toString(), fast.toString(), f + (s == null ? "" : " with schema"));
          failures += slow.error != null ? 1 : 0;
          cases++;
        }
      }
    }
    assertTrue(failures > cases / 4 && failures < cases, failures + " of " + cases + " failed");
  }

  @Test
  void unusualLinesReadTheSameBothWays() throws IOException {
    String v = "\"vector\": [1, 2]";
    String[] lines = {
      // Gson takes an integer part whose long accumulator wraps to 0 for a leading zero
      "{\"id\": 2, \"vector\": [1, -112902438706919096448310853228633784320]}",
      "{\"id\": 2, \"vector\": [1, 112902438706919096448310853228633784320.5]}",
      "{\"id\": 2, \"vector\": [1, 12345678901234567890123]}",
      "{\"id\": 2, \"vector\": [1, " + "1".repeat(1100) + "]}",
      "{\"id\": 2, \"vector\": [1, 0." + "0".repeat(700) + "1]}",
      "{\"id\": 2, \"vector\": [1, 0." + "0".repeat(1100) + "1]}",
      "{\"id\": 2, \"vector\": [1, 1e-999999999999]}",
      "{\"id\": 2, \"vector\": [1, 1e999999999999]}",
      "{\"id\": 2, \"vector\": [1, -0.0]}",
      "{\"id\": 2, \"vector\": [1, 2.5E-46]}",
      "{\"id\": \"a\\tb\", " + v + "}",
      "{\"id\": \"a\tb\", " + v + "}",
      "{\"id\": \"a\\'b\", " + v + "}",
      "{\"id\": \"\\ud83d\\ude00\", " + v + "}",
      "{\"id\": \"\\uD83D\", " + v + "}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": TRUE}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": True}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": nul}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": truex}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"\\u0062\": 1}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": 1, \"b\": 2}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": [1, null]}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": 9223372036854775808}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": -9223372036854775808}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": 1e400}}",
      "{\"id\": 2, " + v + ", \"attributes\": {\"b\": [1, 2.5, -0]}}",
      "{\"id\": 2, " + v + ", \"expires_at\": -0}",
      "{\"id\": 2, " + v + ", \"expires_at\": 1e3}",
      "{\"id\": 2, " + v + "} // comment",
      "{\"id\": 2, " + v + "}#",
      "{\"id\": 2, " + v + "}\u000b",
      "{\"id\": 2, " + v + "}\u00a0",
      "{\"id\": 2, " + v + "}{}",
      "\ufeff{\"id\": 2, " + v + "}",
      "{\"id\": 2,\f" + v + "}",
      "{\"id\": -0, " + v + "}",
      "{\"id\": 2.0, " + v + "}",
      "{\"\\u0069d\": 2, " + v + "}",
      "{\"id\": 2, \"vector\": [1, 2], \"vector\": [1, 2]}",
      "{\"id\": 2, \"vector\": [1, 2, 3]}",
      "{\"id\": 2, \"vector\": [1]}",
      "{\"id\": 2, \"vector\": [[1], 2]}",
      "{\"id\": 2, \"vector\": [1, \"2\"]}",
      "{\"id\": 2, \"vector\": [1, 2,]}",
      "{\"id\": 2, \"vector\": [1 2]}"
    };
    int n = 0;
    for (String line : lines) {
      for (boolean stringIds : new boolean[] {false, true}) {
        String first = stringIds ? "{\"id\": \"x\", " + v + "}" : "{\"id\": 1, " + v + "}";
        Path f = write("unusual" + n++ + ".jsonl", List.of(utf8(first), utf8(line)), new Random(n));
        Outcome slow = read(ItemFiles.jsonl(f), null, false);
        Outcome fast = read(ItemFiles.jsonl(f), null, true);
        assertEquals(slow.toString(), fast.toString(), line);
      }
    }
  }

  @Test
  void vectorsFromNpyReadTheSameBothWays() throws IOException {
    Random r = new Random(5);
    int dim = 3;
    List<Attr> attrs = randomAttrs(r);
    List<byte[]> text = new ArrayList<>();
    int n = 200;
    float[][] rows = new float[n][dim];
    for (int i = 0; i < n; i++) {
      text.add(utf8(randomLine(r, i, dim, false, attrs, false, false)));
      for (int j = 0; j < dim; j++) {
        rows[i][j] = (float) r.nextGaussian();
      }
    }
    Path meta = write("meta.jsonl", text, r);
    Path npy = TestFiles.npyF4(dir, "v.npy", rows);
    ItemFiles files = ItemFiles.npy(npy, meta);
    IndexSchema schema = schemaOf(dim, false, attrs);
    for (IndexSchema s : new IndexSchema[] {null, schema}) {
      Outcome slow = read(files, s, false);
      Outcome fast = read(files, s, true);
      assertEquals(slow.toString(), fast.toString());
      assertNull(slow.error);
      assertEquals(n, fast.fastLines);
    }
    // an inline vector is an error there
    Path bad =
        write(
            "bad.jsonl",
            List.of(utf8("{\"id\": 1}"), utf8(randomLine(r, 1, dim, false, attrs, true, false))),
            r);
    ItemFiles badFiles = ItemFiles.npy(TestFiles.npyF4(dir, "w.npy", rows), bad);
    Outcome slow = read(badFiles, null, false);
    Outcome fast = read(badFiles, null, true);
    assertEquals(slow.toString(), fast.toString());
    assertTrue(slow.error != null && slow.error.contains("is not allowed here"), slow.error);
  }

  @Test
  void schemaInferenceIsTheSameBothWays() throws IOException {
    Random r = new Random(99);
    for (int file = 0; file < 6; file++) {
      List<Attr> attrs = randomAttrs(r);
      List<byte[]> text = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        // ints and floats mix freely; conflicting kinds show in the observer's events
        text.add(utf8(randomLine(r, i, 4, false, attrs, true, r.nextInt(40) == 0)));
      }
      Path f = write("infer" + file + ".jsonl", text, r);
      Outcome slow = read(ItemFiles.jsonl(f), null, false);
      Outcome fast = read(ItemFiles.jsonl(f), null, true);
      assertEquals(slow.toString(), fast.toString());
      // an observer that fails on a conflict, as inference's does, fails at the same place
      for (boolean fastPath : new boolean[] {false, true}) {
        Outcome o = new Outcome();
        Map<String, AttributeType> kinds = new LinkedHashMap<>();
        AttributeObserver strict =
            (name, kind, array, line) -> {
              o.events.add(name + " " + kind + " " + array + " " + line);
              AttributeType before = kind == null ? null : kinds.putIfAbsent(name, kind);
              if (before != null && before != kind) {
                throw new ItemInputException(f, line, "attributes." + name, "conflict " + name);
              }
            };
        try (JsonlItemSource s = JsonlItemSource.open(ItemFiles.jsonl(f), null, strict, fastPath)) {
          for (Item it = s.next(); it != null; it = s.next()) {
            o.items.add(describe(it));
          }
        } catch (ItemInputException e) {
          o.error = e.getMessage() + " | field " + e.field();
        }
        if (fastPath) {
          assertEquals(slow.toString().isEmpty() ? "" : strictSlow, o.toString(), f.toString());
        } else {
          strictSlow = o.toString();
        }
      }
    }
  }

  private String strictSlow;

  private static List<Attr> randomAttrs(Random r) {
    List<String> names = new ArrayList<>(List.of(NAMES));
    Collections.shuffle(names, r);
    List<Attr> out = new ArrayList<>();
    AttributeType[] types = AttributeType.values();
    for (String n : names.subList(0, 2 + r.nextInt(5))) {
      out.add(new Attr(n, types[r.nextInt(types.length)], r.nextBoolean()));
    }
    return out;
  }

  private static IndexSchema schemaOf(int dim, boolean stringIds, List<Attr> attrs) {
    IndexSchema.Builder b =
        IndexSchema.builder().setDimension(dim).optIdType(stringIds ? IdType.STRING : IdType.INT);
    for (Attr a : attrs) {
      b.addAttribute(new AttributeSpec(a.name, a.type, a.multi));
    }
    return b.build();
  }

  /**
   * A valid line, fields in random order with random spacing.
   *
   * @param anyKind whether attribute values may be of any kind (for inference conflicts)
   */
  private static String randomLine(
      Random r,
      int index,
      int dim,
      boolean stringIds,
      List<Attr> attrs,
      boolean inlineVector,
      boolean anyKind) {
    List<String> fields = new ArrayList<>();
    String id;
    if (stringIds) {
      String w = WORDS[r.nextInt(WORDS.length)];
      id = jsonString(w.isEmpty() ? "id" + index : w + index, r);
    } else {
      long[] special = {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, Long.MAX_VALUE - 1, 1L << 53};
      id =
          r.nextInt(10) == 0
              ? Long.toString(special[r.nextInt(special.length)])
              : r.nextInt(20) == 0 ? "-0" : Long.toString(index * 7L - 50);
    }
    fields.add(key("id", r) + sp(r) + ":" + sp(r) + id);
    if (inlineVector) {
      StringBuilder v = new StringBuilder("[").append(sp(r));
      for (int i = 0; i < dim; i++) {
        if (i > 0) {
          v.append(sp(r)).append(',').append(sp(r));
        }
        String num;
        do {
          num = randomNumber(r);
        } while (!Float.isFinite(Float.parseFloat(num))
            || num.length() > 400
            || integerDigits(num) > 19);
        v.append(num);
      }
      fields.add(key("vector", r) + sp(r) + ":" + sp(r) + v.append(sp(r)).append(']'));
    }
    int shape = r.nextInt(10);
    if (shape == 0) {
      fields.add(key("attributes", r) + ":" + sp(r) + "null");
    } else if (shape > 1) {
      StringBuilder a = new StringBuilder("{").append(sp(r));
      List<Attr> shuffled = new ArrayList<>(attrs);
      Collections.shuffle(shuffled, r);
      boolean firstAttr = true;
      for (Attr at : shuffled) {
        if (r.nextInt(4) == 0) {
          continue;
        }
        if (!firstAttr) {
          a.append(sp(r)).append(',').append(sp(r));
        }
        firstAttr = false;
        AttributeType type =
            anyKind ? AttributeType.values()[r.nextInt(AttributeType.values().length)] : at.type;
        a.append('"').append(at.name).append('"').append(sp(r)).append(':').append(sp(r));
        a.append(randomValue(r, type, at.multi));
      }
      fields.add(key("attributes", r) + sp(r) + ":" + sp(r) + a.append(sp(r)).append('}'));
    }
    int expires = r.nextInt(6);
    if (expires == 0) {
      fields.add(key("expires_at", r) + ":" + sp(r) + "null");
    } else if (expires == 1) {
      fields.add(key("expires_at", r) + ":" + sp(r) + (1_700_000_000L + r.nextInt(1000)));
    }
    Collections.shuffle(fields, r);
    StringBuilder line = new StringBuilder(sp(r)).append('{').append(sp(r));
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(sp(r)).append(',').append(sp(r));
      }
      line.append(fields.get(i));
    }
    return line.append(sp(r)).append('}').append(sp(r)).toString();
  }

  private static String randomValue(Random r, AttributeType type, boolean multi) {
    int shape = r.nextInt(12);
    if (shape == 0) {
      return "null";
    }
    if (multi && shape == 1) {
      return "[" + sp(r) + "]";
    }
    if (multi && shape > 4) {
      StringBuilder s = new StringBuilder("[").append(sp(r));
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          s.append(sp(r)).append(',').append(sp(r));
        }
        s.append(scalar(r, type));
      }
      return s.append(sp(r)).append(']').toString();
    }
    return scalar(r, type);
  }

  private static String scalar(Random r, AttributeType type) {
    switch (type) {
      case STRING:
        return jsonString(WORDS[r.nextInt(WORDS.length)], r);
      case BOOL:
        return r.nextBoolean() ? "true" : "false";
      case INT:
        {
          long[] special = {Long.MAX_VALUE, Long.MIN_VALUE, 0, 1L << 53, (1L << 53) + 1};
          return r.nextInt(8) == 0
              ? Long.toString(special[r.nextInt(special.length)])
              : r.nextInt(20) == 0 ? "-0" : Long.toString(r.nextInt(10_000) - 100);
        }
      default:
        while (true) {
          // floats mix in ints (widened)
          String s = r.nextInt(4) == 0 ? Long.toString(r.nextInt(1000)) : randomNumber(r);
          boolean integer = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
          if (Double.isFinite(Double.parseDouble(s))
              && s.length() < 400
              && (integer ? parseLongOrNull(s) != null : integerDigits(s) <= 19)) {
            return s;
          }
        }
    }
  }

  private static String key(String name, Random r) {
    return r.nextInt(30) == 0 ? jsonString(name, r, true) : "\"" + name + "\"";
  }

  private static String jsonString(String s, Random r) {
    return jsonString(s, r, false);
  }

  /** A JSON string literal; escapes what must be escaped, and with escapeAll any character. */
  private static String jsonString(String s, Random r, boolean escapeAll) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escapeAll || (r.nextInt(20) == 0)) {
        sb.append(String.format("\\u%04" + (r.nextBoolean() ? "x" : "X"), (int) c));
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '/' && r.nextBoolean()) {
        sb.append("\\/");
      } else if (c < 0x20) {
        switch (c) {
          case '\n':
            sb.append("\\n");
            break;
          case '\t':
            sb.append("\\t");
            break;
          default:
            sb.append(String.format("\\u%04x", (int) c));
        }
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Random JSON whitespace, mostly none or one space. */
  private static String sp(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return " ";
      case 1:
        return "\t";
      case 2:
        return "  ";
      default:
        return "";
    }
  }

  private static final String[] INSERTS = {
    "NaN",
    "Infinity",
    "-Infinity",
    "nan",
    ",",
    "}",
    "]",
    "{",
    "[",
    "\"",
    "\\",
    ":",
    "0",
    "1e",
    "01",
    ".5",
    "+1",
    "-",
    "null",
    "true",
    "1e39",
    "\"id\": 1,",
    "\"vector\": [1],",
    "\"x\": 1,",
    "\"attributes\": {},",
    "\"expires_at\": 1,",
    "\"geo\": 1,",
    "\"skills\": [1, \"a\"],",
    "\t",
    " ",
    "\u0001",
    "'",
    "//",
    "#",
    "\u00e9",
    "\\u00",
    "\\x",
    "1.5",
    "\"\"",
    "[[1]]",
    "{\"a\":1}",
    "9223372036854775808",
    "-9223372036854775809",
    "1" + "0".repeat(1100)
  };

  /** A line with one random edit: a cut, a deletion, an insertion, a swap, a bad byte. */
  private static byte[] mutate(Random r, byte[] line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = r.nextInt(line.length + 1);
    switch (r.nextInt(6)) {
      case 0: // cut
        out.write(line, 0, at);
        break;
      case 1: // delete a few bytes
        out.write(line, 0, at);
        int skip = Math.min(line.length - at, 1 + r.nextInt(3));
        out.write(line, at + skip, line.length - at - skip);
        break;
      case 2: // invalid UTF-8 or a stray high byte
        out.write(line, 0, at);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        out.writeBytes(bad[r.nextInt(bad.length)]);
        out.write(line, at, line.length - at);
        break;
      case 3: // replace one byte
        if (at < line.length) {
          line = line.clone();
          String bytes = " ,:[]{}\"0-.eE\\tfnu";
          line[at] = (byte) bytes.charAt(r.nextInt(bytes.length()));
        }
        out.writeBytes(line);
        break;
      default: // insert a token
        out.write(line, 0, at);
        out.writeBytes(utf8(INSERTS[r.nextInt(INSERTS.length)]));
        out.write(line, at, line.length - at);
        break;
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes lines with random terminators (\n, \r\n, \r), the last one sometimes missing. */
  private Path write(String name, List<byte[]> lines, Random r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i));
      if (i < lines.size() - 1 || r.nextBoolean()) {
        int t = r.nextInt(10);
        out.writeBytes(utf8(t == 0 ? "\r\n" : t == 1 ? "\r" : "\n"));
      }
    }
    Path p = dir.resolve(name);
    Files.write(p, out.toByteArray());
    return p;
  }

  /** Everything a read produced: items, observer events, the error it ended in. */
  private static final class Outcome {
    final List<String> items = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    String error;
    long fastLines;

    @Override
    public String toString() {
      return String.join("\n", items)
          + "\nevents: "
          + String.join("; ", events)
          + "\nerror: "
          + error;
    }
  }

  private static Outcome read(ItemFiles files, IndexSchema schema, boolean fast)
      throws IOException {
    Outcome o = new Outcome();
    AttributeObserver observer =
        schema != null
            ? null
            : (name, kind, array, line) ->
                o.events.add(name + " " + kind + " " + array + " " + line);
    try (JsonlItemSource s = JsonlItemSource.open(files, schema, observer, fast)) {
      try {
        for (Item it = s.next(); it != null; it = s.next()) {
          o.items.add(describe(it));
        }
        o.items.add("count " + s.count() + " position " + s.position() + " dim " + s.dimension());
      } catch (ItemInputException e) {
        o.error = e.getMessage() + " | line " + e.line() + " | field " + e.field();
      }
      o.fastLines = s.fastLines();
    } catch (ItemInputException e) {
      o.error = "on open: " + e.getMessage();
    }
    return o;
  }

  /** An item in full: value classes, float bits, collection classes included. */
  private static String describe(Item it) {
    StringBuilder sb = new StringBuilder();
    sb.append(it.line()).append(' ');
    sb.append(it.id().getClass().getSimpleName()).append(':').append(it.id()).append(" [");
    for (float f : it.vector()) {
      sb.append(Integer.toHexString(Float.floatToRawIntBits(f))).append(',');
    }
    sb.append("] ").append(it.attributes().getClass().getName()).append('{');
    Map<String, List<Object>> attrs = new LinkedHashMap<>(it.attributes());
    attrs.forEach(
        (k, vs) -> {
          sb.append(k).append('=').append(vs.getClass().getName()).append('[');
          for (Object v : vs) {
            sb.append(v.getClass().getSimpleName()).append(':');
            sb.append(v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : v);
            sb.append(',');
          }
          sb.append("] ");
        });
    sb.append("} ").append(it.expiresAt());
    return sb.toString();
  }
}
