package dev.linr.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterEvaluatorTest {
  private static boolean matches(String filter, Map<String, List<Object>> item) {
    return FilterEvaluator.matches(FilterParser.parse(filter), item);
  }

  private static Map<String, List<Object>> item(Object... keysAndValues) {
    Map<String, List<Object>> m = new HashMap<>();
    for (int k = 0; k < keysAndValues.length; k += 2) {
      Object v = keysAndValues[k + 1];
      m.put(
          (String) keysAndValues[k],
          v instanceof List<?> l ? new ArrayList<>(l) : Arrays.asList(v));
    }
    return m;
  }

  private static final Map<String, List<Object>> US = item("geo", "us");
  private static final Map<String, List<Object>> NO_GEO = item("company", 1L);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "geo = 'us' | true",
        "geo = 'ca' | false",
        "geo != 'us' | false",
        "geo != 'ca' | true",
        "geo IN ('ca', 'us') | true",
        "geo IN ('ca', 'mx') | false",
        "geo NOT IN ('ca', 'us') | false",
        "geo NOT IN ('ca', 'mx') | true",
        "geo ALL ('us') | true",
        "geo ALL ('us', 'us') | true",
        "geo ALL ('us', 'ca') | false",
        "EXISTS(geo) | true",
        "NOT (geo = 'us') | false",
        "NOT (geo != 'us') | true",
        "geo = 'US' | false",
      })
  void singleValuedString(String filter, boolean expected) {
    assertEquals(expected, matches(filter, US));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "geo = 'us' | false",
        "geo != 'us' | false",
        "geo IN ('us', 'ca') | false",
        "geo NOT IN ('us') | false",
        "geo ALL ('us') | false",
        "EXISTS(geo) | false",
        "NOT EXISTS(geo) | true",
        "NOT (geo = 'us') | true",
        "NOT (geo != 'us') | true",
        "NOT (geo NOT IN ('us')) | true",
        "geo > 0 | false",
        "NOT (geo > 0) | true",
      })
  void missingAttributeFailsEveryPredicateButNotItsNegation(String filter, boolean expected) {
    assertEquals(expected, matches(filter, NO_GEO));
  }

  @Test
  void anEmptyOrNullListIsAMissingAttribute() {
    Map<String, List<Object>> empty = item("geo", List.of());
    Map<String, List<Object>> nullList = new HashMap<>();
    nullList.put("geo", null);
    Map<String, List<Object>> nullValue = item("geo", Arrays.asList((Object) null));
    for (Map<String, List<Object>> item : List.of(empty, nullList, nullValue)) {
      assertFalse(matches("EXISTS(geo)", item));
      assertFalse(matches("geo != 'us'", item));
      assertTrue(matches("NOT (geo = 'us')", item));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "skills = 'java' | true",
        "skills = 'ml' | false",
        "skills IN ('ml', 'java') | true",
        "skills IN ('ml', 'go') | false",
        "skills ALL ('java', 'python') | true",
        "skills ALL ('python', 'java', 'java') | true",
        "skills ALL ('java', 'ml') | false",
        "skills != 'java' | false",
        "skills != 'ml' | true",
        "skills NOT IN ('ml', 'go') | true",
        "skills NOT IN ('ml', 'python') | false",
        "NOT (skills = 'java') | false",
      })
  void multiValuedMatchesAnyValueAndAllNeedsEvery(String filter, boolean expected) {
    assertEquals(expected, matches(filter, item("skills", List.of("java", "python"))));
  }

  @Test
  void multiValuedRangesMatchWhenAnyValueIsInside() {
    Map<String, List<Object>> item = item("ids", List.of(1L, 10L));
    assertTrue(matches("ids BETWEEN 5 AND 15", item));
    assertFalse(matches("ids BETWEEN 2 AND 9", item));
    // Two conditions may be met by different values; one range needs one value inside.
    assertTrue(matches("ids > 5 AND ids < 5", item));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "x > 5 | false",
        "x >= 5 | true",
        "x < 5 | false",
        "x <= 5 | true",
        "x > 4 | true",
        "x < 6 | true",
        "x BETWEEN 5 AND 5 | true",
        "x BETWEEN 5 AND 6 | true",
        "x BETWEEN 4 AND 5 | true",
        "x BETWEEN 6 AND 4 | false",
        "5 < x <= 6 | false",
        "5 <= x < 6 | true",
        "4 < x < 5 | false",
        "4 < x <= 5 | true",
        "x > 4.5 | true",
        "x < 5.0 | false",
        "x <= 5.0 | true",
      })
  void rangeBoundsAreInclusiveOrExclusive(String filter, boolean expected) {
    assertEquals(expected, matches(filter, item("x", 5L)));
    assertEquals(expected, matches(filter, item("x", 5.0)));
  }

  @Test
  void intAttributeAgainstAFloatLiteral() {
    assertTrue(matches("count > 1.5", item("count", 2L)));
    assertFalse(matches("count > 1.5", item("count", 1L)));
    assertTrue(matches("count < 1.5", item("count", 1L)));
    assertTrue(matches("count = 2.0", item("count", 2L)));
    assertFalse(matches("count = 1.5", item("count", 1L)));
    assertFalse(matches("count = 1.5", item("count", 2L)));
    assertTrue(matches("count != 1.5", item("count", 1L)));
    assertTrue(matches("count IN (1.5, 2.0)", item("count", 2L)));
  }

  @Test
  void floatAttributeAgainstAnIntLiteral() {
    assertTrue(matches("quality = 2", item("quality", 2.0)));
    assertTrue(matches("quality > 0", item("quality", 0.5)));
    assertFalse(matches("quality > 1", item("quality", 0.5)));
    assertTrue(matches("quality = 0", item("quality", -0.0)));
  }

  @Test
  void longsNearTwoToTheSixtyThreeCompareExactly() {
    Map<String, List<Object>> max = item("x", Long.MAX_VALUE);
    // 9.223372036854775807E18 is 2^63 as a double: larger than every long.
    assertFalse(matches("x >= 9.223372036854775807E18", max));
    assertTrue(matches("x < 9.223372036854775807E18", max));
    assertFalse(matches("x = 9.223372036854775807E18", max));
    assertTrue(matches("x = 9223372036854775807", max));
    assertTrue(matches("x > 9223372036854775806", max));
    assertTrue(matches("x >= 9.2233720368547748E18", max)); // the double below 2^63
    Map<String, List<Object>> min = item("x", Long.MIN_VALUE);
    assertTrue(matches("x = -9.223372036854775808E18", min)); // exactly -2^63
    assertTrue(matches("x = -9223372036854775808", min));
    assertFalse(matches("x < -9.223372036854775808E18", min));
    assertTrue(matches("x < -9.2233720368547748E18", min));
  }

  @Test
  void longsAboveTwoToTheFiftyThreeAreNotRoundedToDoubles() {
    long big = (1L << 53) + 1; // 9007199254740993; as a double it rounds to 2^53
    assertFalse(matches("x = 9007199254740992.0", item("x", big)));
    assertTrue(matches("x > 9007199254740992.0", item("x", big)));
    assertTrue(matches("x = 9007199254740992.0", item("x", big - 1)));
    assertFalse(matches("x = 9007199254740993", item("x", (double) big)));
    assertTrue(matches("x < 9007199254740993", item("x", (double) big)));
  }

  @Test
  void longDoubleComparisonAgreesWithBigDecimal() {
    Random r = new Random(11);
    long[] longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1};
    double[] doubles = {
      0.0,
      -0.0,
      0.5,
      -0.5,
      0x1p63,
      -0x1p63,
      0x1p53,
      Math.nextUp(0x1p63),
      Math.nextDown(0x1p63),
      Math.nextDown(-0x1p63),
      1e300,
      -1e300,
      Double.MIN_VALUE,
      -Double.MIN_VALUE
    };
    for (int k = 0; k < 20000; k++) {
      long a = k < 200 ? longs[k % longs.length] : r.nextLong() >> r.nextInt(64);
      double d =
          k < 200
              ? doubles[(k / longs.length) % doubles.length]
              : switch (r.nextInt(4)) {
                case 0 -> (double) a;
                case 1 -> Math.nextUp((double) a);
                case 2 -> (double) a + r.nextDouble() * 4 - 2;
                default -> r.nextGaussian() * Math.pow(2, r.nextInt(70));
              };
      int expected = Integer.signum(new BigDecimal(a).compareTo(new BigDecimal(d)));
      assertEquals(expected, (int) FilterEvaluator.compare(a, d), a + " vs " + d);
    }
    assertEquals(null, FilterEvaluator.compare(1, Double.NaN));
  }

  @Test
  void nanEqualsNothingAndLiesInNoRange() {
    Map<String, List<Object>> nan = item("quality", Double.NaN);
    assertFalse(matches("quality = 0.5", nan));
    assertFalse(matches("quality > 0", nan));
    assertFalse(matches("quality < 0", nan));
    assertTrue(matches("quality != 0.5", nan));
    assertTrue(matches("EXISTS(quality)", nan));
  }

  @Test
  void booleans() {
    Map<String, List<Object>> yes = item("sponsored", true);
    assertTrue(matches("sponsored = true", yes));
    assertFalse(matches("sponsored = false", yes));
    assertFalse(matches("sponsored != true", yes));
    assertTrue(matches("sponsored != false", yes));
  }

  @Test
  void valuesOfAnotherTypeNeverMatch() {
    assertFalse(matches("geo = 1", item("geo", "1")));
    assertFalse(matches("x = 1", item("x", true)));
    assertFalse(matches("x = true", item("x", 1L)));
    assertFalse(matches("x > 0", item("x", "5")));
  }

  @Test
  void smallerJavaTypesAreWidened() {
    assertTrue(matches("x = 5", item("x", 5)));
    assertTrue(matches("x = 0.5", item("x", 0.5f)));
    assertTrue(matches("x > 4", item("x", (short) 5)));
  }

  @Test
  void otherValueTypesAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> matches("x = 5", item("x", new BigDecimal(5))));
  }

  @Test
  void logicalOperators() {
    Map<String, List<Object>> it = item("a", 1L, "b", 2L);
    assertTrue(matches("a = 1 AND b = 2", it));
    assertFalse(matches("a = 1 AND b = 3", it));
    assertTrue(matches("a = 9 OR b = 2", it));
    assertFalse(matches("a = 9 OR b = 9", it));
    assertTrue(matches("a = 9 OR b = 2 AND NOT a = 9", it));
    assertFalse(matches("(a = 9 OR b = 2) AND a = 9", it));
    assertTrue(matches("TRUE", it));
    assertFalse(matches("FALSE", it));
    assertTrue(FilterEvaluator.matches(Filter.ALL, Map.of()));
    assertFalse(FilterEvaluator.matches(Filter.NONE, Map.of()));
  }
}
