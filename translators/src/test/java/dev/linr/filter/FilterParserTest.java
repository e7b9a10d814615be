package dev.linr.filter;

import static dev.linr.filter.TestSchemas.allOf;
import static dev.linr.filter.TestSchemas.b;
import static dev.linr.filter.TestSchemas.f;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.in;
import static dev.linr.filter.TestSchemas.notIn;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.query.RequestParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {
  private static Filter parse(String text) {
    return FilterParser.parse(text);
  }

  @Test
  void equalsIsInWithOneValue() {
    assertEquals(in("geo", s("us")), parse("geo = 'us'"));
  }

  @Test
  void notEqualsIsNotInWithOneValue() {
    assertEquals(notIn("geo", s("us")), parse("geo != 'us'"));
  }

  @Test
  void inList() {
    assertEquals(in("geo", s("us"), s("ca")), parse("geo IN ('us', 'ca')"));
  }

  @Test
  void notInList() {
    assertEquals(notIn("geo", s("us")), parse("geo NOT IN ('us')"));
  }

  @Test
  void intValue() {
    assertEquals(in("company", i(1234)), parse("company = 1234"));
  }

  @Test
  void boolValues() {
    assertEquals(in("sponsored", b(true)), parse("sponsored = true"));
    assertEquals(notIn("sponsored", b(false)), parse("sponsored != false"));
  }

  @Test
  void allOfList() {
    assertEquals(allOf("skills", s("java"), s("ml")), parse("skills ALL ('java', 'ml')"));
  }

  @Test
  void exists() {
    assertEquals(new Filter.Exists("geo"), parse("EXISTS(geo)"));
    assertEquals(new Filter.Exists("geo"), parse("exists ( geo )"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "posted_at >= 1764115200 | true  | 1764115200 | false |   ",
        "posted_at > 5           | false | 5          | false |   ",
        "posted_at < 5           | false |            | false | 5 ",
        "posted_at <= 5          | false |            | true  | 5 ",
      })
  void oneSidedRanges(String text, boolean loInc, Long lo, boolean hiInc, Long hi) {
    Filter.Range expected =
        new Filter.Range(
            "posted_at", lo == null ? null : i(lo), loInc, hi == null ? null : i(hi), hiInc);
    assertEquals(expected, parse(text));
  }

  @Test
  void betweenIsInclusive() {
    assertEquals(
        new Filter.Range("quality", f(0.5), true, f(0.9), true),
        parse("quality BETWEEN 0.5 AND 0.9"));
  }

  @Test
  void chainedRangeChoosesEachBound() {
    assertEquals(
        new Filter.Range("quality", f(0.5), false, f(0.9), true), parse("0.5 < quality <= 0.9"));
    assertEquals(new Filter.Range("count", i(1), true, i(5), false), parse("1 <= count < 5"));
    assertEquals(parse("count BETWEEN 1 AND 5"), parse("1 <= count <= 5"));
  }

  @Test
  void precedenceIsNotThenAndThenOr() {
    Filter a = in("a", i(1));
    Filter b = in("b", i(2));
    Filter c = in("c", i(3));
    assertEquals(Filter.or(a, Filter.and(b, Filter.not(c))), parse("a = 1 OR b = 2 AND NOT c = 3"));
    assertEquals(Filter.and(Filter.not(a), b), parse("NOT a = 1 AND b = 2"));
    assertEquals(Filter.and(Filter.or(a, b), c), parse("(a = 1 OR b = 2) AND c = 3"));
    assertEquals(Filter.not(Filter.or(a, b)), parse("NOT (a = 1 OR b = 2)"));
  }

  @Test
  void nestedConjunctionsAreFlattened() {
    Filter a = in("a", i(1));
    Filter b = in("b", i(2));
    Filter c = in("c", i(3));
    assertEquals(Filter.and(a, b, c), parse("a = 1 AND (b = 2 AND c = 3)"));
    assertEquals(Filter.or(a, b, c), parse("(a = 1 OR b = 2) OR c = 3"));
    assertEquals(a, parse("((a = 1))"));
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertEquals(
        parse("geo IN ('us') AND NOT EXISTS(x) OR count BETWEEN 1 AND 2 OR s ALL (1)"),
        parse("geo in ('us') and not exists(x) Or count between 1 aNd 2 oR s all (1)"));
    assertEquals(parse("geo NOT IN ('us')"), parse("geo not in ('us')"));
    assertEquals(in("sponsored", b(true)), parse("sponsored = TRUE"));
    assertEquals(in("sponsored", b(false)), parse("sponsored = False"));
  }

  @Test
  void attributeNamesAreCaseSensitive() {
    assertEquals(in("Geo", s("us")), parse("Geo = 'us'"));
  }

  @Test
  void attributesNamedLikeKeywordsAreDoubleQuoted() {
    assertEquals(in("in", i(1)), parse("\"in\" = 1"));
    assertEquals(new Filter.Exists("Not"), parse("EXISTS(\"Not\")"));
    assertEquals(in("geo", s("us")), parse("\"geo\" = 'us'"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "name = 'it''s'     | it's",
        "name = ''''        | '",
        "name = 'a''''b'    | a''b",
        "name = ' sp ace '  | \" sp ace \"",
        "name = 'AND OR ('  | AND OR (",
        "name = 'ünï ✓'     | ünï ✓",
      })
  void stringsEscapeQuotesByDoubling(String text, String value) {
    assertEquals(in("name", s(value)), parse(text));
  }

  @Test
  void emptyString() {
    assertEquals(in("name", s("")), parse("name = ''"));
  }

  @ParameterizedTest
  @CsvSource({
    "-5, -5",
    "0, 0",
    "007, 7",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808",
  })
  void integers(String text, long value) {
    assertEquals(in("x", i(value)), parse("x = " + text));
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.5",
    "1e3, 1000.0",
    "1E+2, 100.0",
    "-2.5E-3, -0.0025",
    "1.0, 1.0",
    "-0.0, -0.0",
    "1.7976931348623157E308, 1.7976931348623157E308",
  })
  void decimalsAndExponentsAreFloats(String text, double value) {
    assertEquals(in("x", f(value)), parse("x = " + text));
  }

  @Test
  void negativeNumbersNeedNoSpace() {
    assertEquals(Filter.Range.atLeast("x", i(-5), false), parse("x>-5"));
    assertEquals(Filter.Range.atMost("x", f(-0.5), true), parse("x<=-0.5"));
  }

  @Test
  void whitespaceIsOptionalAndFlexible() {
    assertEquals(parse("geo = 'us' AND company IN (1, 2)"), parse("geo='us'AND\tcompany\nIN(1,2)"));
  }

  @Test
  void trueAndFalseAreTheConstantFilters() {
    assertEquals(Filter.ALL, parse("TRUE"));
    assertEquals(Filter.NONE, parse("false"));
    assertEquals(Filter.and(Filter.ALL, in("a", i(1))), parse("true AND a = 1"));
  }

  @Test
  void anyLiteralIsAcceptedWithoutASchema() {
    assertEquals(in("geo", s("us"), i(5), b(true)), parse("geo IN ('us', 5, true)"));
  }

  @Test
  void clauseFormIsExpressible() {
    Filter parsed =
        parse("(geo IN ('us','ca')) AND (skills IN ('java')) AND NOT (company IN (12))");
    Filter expected =
        new Filter.And(
            java.util.List.of(
                in("geo", s("us"), s("ca")),
                in("skills", s("java")),
                new Filter.Not(in("company", i(12)))));
    assertEquals(expected, parsed);
    assertEquals(
        expected,
        Filters.clauses(
            Filters.clause("geo", "us", "ca"),
            Filters.clause("skills", "java"),
            Filters.notClause("company", 12L)));
  }

  // ------------------------------------------------------------------------------ errors

  static Stream<Arguments> errors() {
    String ops = "=, !=, <, <=, >, >=, IN, NOT IN, ALL, BETWEEN";
    String deep = "(".repeat(101) + "geo = 'us'" + ")".repeat(101);
    return Stream.of(
        Arguments.of("geo IN ()", 8, "IN needs at least one value"),
        Arguments.of("geo NOT IN ()", 12, "NOT IN needs at least one value"),
        Arguments.of("skills ALL ()", 12, "ALL needs at least one value"),
        Arguments.of("geo IN (,'us')", 8, "expected a value after 'IN (' but found ','"),
        Arguments.of("geo IN ('us',)", 13, "expected a value after ',' but found ')'"),
        Arguments.of(
            "(geo = 'us'",
            11,
            "unbalanced parenthesis: missing ')' to close the '(' at position 0"),
        Arguments.of("geo = 'us')", 10, "unbalanced parenthesis: ')' without a matching '('"),
        Arguments.of(") geo = 'us'", 0, "unbalanced parenthesis: ')' without a matching '('"),
        Arguments.of(
            "(geo = 'us' company = 1)",
            12,
            "expected AND, OR or ')' to close the '(' at position 0 but found 'company'"),
        Arguments.of(
            "geo IN ('us'", 12, "unbalanced parenthesis: missing ')' to close the IN list"),
        Arguments.of(
            "geo IN ('us' 'ca')", 13, "expected ',' or ')' in the IN list but found string 'ca'"),
        Arguments.of(
            "geo = 'us",
            6,
            "unterminated string: it needs a closing ' (a quote inside is written '')"),
        Arguments.of(
            "geo = 'it''s",
            6,
            "unterminated string: it needs a closing ' (a quote inside is written '')"),
        Arguments.of(
            "geo == 'us'",
            4,
            "unknown operator '=='; valid operators: " + ops + " (equality is '=')"),
        Arguments.of("geo <> 'us'", 4, "unknown operator '<>'; valid operators: " + ops),
        Arguments.of("geo LIKE 'u%'", 4, "unknown operator 'LIKE'; valid operators: " + ops),
        Arguments.of("geo ! 'us'", 4, "unknown operator '!'; valid operators: " + ops),
        Arguments.of("geo", 3, "expected an operator after 'geo' but found end of filter"),
        Arguments.of("geo AND x = 1", 4, "expected an operator after 'geo' but found 'AND'"),
        Arguments.of(
            "geo = 'us' ca", 11, "expected AND, OR or the end of the filter but found 'ca'"),
        Arguments.of(
            "geo = 'us' AND", 14, "expected a condition after 'AND' but found end of filter"),
        Arguments.of("()", 1, "expected a condition after '(' but found ')'"),
        Arguments.of("NOT", 3, "expected a condition after 'NOT' but found end of filter"),
        Arguments.of(
            "geo = us",
            6,
            "expected a value after '=' but found 'us'; strings are written in single quotes:"
                + " 'us'"),
        Arguments.of(
            "geo = \"us\"",
            6,
            "expected a value after '=' but found '\"us\"'; strings are written in single"
                + " quotes: 'us'"),
        Arguments.of("posted_at >= 'x'", 13, "expected a number after '>=' but found string 'x'"),
        Arguments.of(
            "quality BETWEEN 0.5 0.9",
            20,
            "expected 'AND' after 'BETWEEN 0.5' but found number 0.9"),
        Arguments.of(
            "quality BETWEEN 0.5 AND 'x'",
            24,
            "expected a number after 'AND' but found string 'x'"),
        Arguments.of("geo NOT 'us'", 8, "expected 'IN' after 'NOT' but found string 'us'"),
        Arguments.of("geo IN 'us'", 7, "expected '(' after 'IN' but found string 'us'"),
        Arguments.of("EXISTS geo", 7, "expected '(' after 'EXISTS' but found 'geo'"),
        Arguments.of("EXISTS(geo", 10, "expected ')' after 'EXISTS(geo' but found end of filter"),
        Arguments.of(
            "EXISTS(in)",
            7,
            "expected an attribute name after 'EXISTS(' but found 'in'; an attribute named like a"
                + " keyword is written in double quotes: \"in\""),
        Arguments.of(
            "in = 'x'",
            0,
            "expected a condition but found 'in'; an attribute named like a keyword is written in"
                + " double quotes: \"in\""),
        Arguments.of(
            "5 = company",
            2,
            "expected '<' or '<=' after 5 (a condition starts with a number only in a range such"
                + " as 1 < x <= 5) but found '='"),
        Arguments.of(
            "1 < count", 9, "expected '<' or '<=' after '1 < count' but found end of filter"),
        Arguments.of("geo = 'us' && company = 1", 11, "unexpected '&&'; use AND"),
        Arguments.of("geo = 'us' || company = 1", 11, "unexpected '||'; use OR"),
        Arguments.of("geo = 'us' # x", 11, "unexpected character '#'"),
        Arguments.of("geo = +5", 6, "unexpected character '+'"),
        Arguments.of("geo = \"us", 6, "unterminated quoted attribute name: it needs a closing \""),
        Arguments.of(
            "company = 99999999999999999999",
            10,
            "integer 99999999999999999999 is out of the 64-bit range (write it as a decimal such"
                + " as 99999999999999999999.0 to compare it as a float)"),
        Arguments.of("quality > 1e999", 10, "number 1e999 is out of range"),
        Arguments.of("company = 12abc", 10, "invalid number '12abc'"),
        Arguments.of("company = 1.2.3", 10, "invalid number '1.2.3'"),
        Arguments.of("company = 1e", 10, "invalid number '1e'"),
        Arguments.of("company = 1.", 10, "invalid number '1.'"),
        Arguments.of(deep, 100, "the filter nests too deeply (more than 100 parentheses and NOTs)"),
        Arguments.of(
            "", 0, "the filter is empty; leave it out to match every item, or write a condition"),
        Arguments.of(
            " \t ",
            0,
            "the filter is empty; leave it out to match every item, or write a condition"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void syntaxErrorsNameThePosition(String text, int position, String reason) {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> parse(text));
    assertEquals(reason, e.reason());
    assertEquals(position, e.position());
    assertEquals("filter: syntax error at position " + position + ": " + reason, e.getMessage());
    assertEquals("filter", e.field());
  }

  @Test
  void syntaxErrorsAreRequestParseExceptions() {
    RequestParseException e = assertThrows(RequestParseException.class, () -> parse("geo IN ()"));
    assertInstanceOf(FilterSyntaxException.class, e);
    assertInstanceOf(IllegalArgumentException.class, e);
  }

  @Test
  void theFirstProblemIsReported() {
    // A syntax error before an unterminated string: the earlier one wins.
    FilterSyntaxException e =
        assertThrows(FilterSyntaxException.class, () -> parse("geo = = 'unterminated"));
    assertEquals(6, e.position());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 50, 100})
  void nestingUpToTheLimitParses(int depth) {
    String text =
        "NOT ".repeat(depth / 2)
            + "(".repeat(depth - depth / 2)
            + "a = 1"
            + ")".repeat(depth - depth / 2);
    Filter f = parse(text);
    for (int k = 0; k < depth / 2; k++) {
      f = ((Filter.Not) f).child();
    }
    assertEquals(in("a", i(1)), f);
  }

  @Test
  void nullIsRejected() {
    assertThrows(NullPointerException.class, () -> parse(null));
  }
}
