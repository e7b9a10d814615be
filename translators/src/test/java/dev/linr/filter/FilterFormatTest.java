package dev.linr.filter;

import static dev.linr.filter.TestSchemas.allOf;
import static dev.linr.filter.TestSchemas.b;
import static dev.linr.filter.TestSchemas.f;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.in;
import static dev.linr.filter.TestSchemas.notIn;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The canonical string form: {@code toString()} of each node, and that it parses back. */
class FilterFormatTest {
  static Stream<Arguments> forms() {
    Filter a = in("a", i(1));
    Filter bb = in("b", i(2));
    Filter c = in("c", i(3));
    return Stream.of(
        Arguments.of(in("geo", s("us")), "geo = 'us'"),
        Arguments.of(in("geo", s("us"), s("ca")), "geo IN ('us', 'ca')"),
        Arguments.of(notIn("geo", s("us")), "geo != 'us'"),
        Arguments.of(notIn("geo", s("us"), s("ca")), "geo NOT IN ('us', 'ca')"),
        Arguments.of(allOf("skills", s("java")), "skills ALL ('java')"),
        Arguments.of(in("name", s("it's")), "name = 'it''s'"),
        Arguments.of(in("sponsored", b(true)), "sponsored = true"),
        Arguments.of(in("x", i(-5)), "x = -5"),
        Arguments.of(in("x", f(1.0)), "x = 1.0"),
        Arguments.of(in("x", f(1e20)), "x = 1.0E20"),
        Arguments.of(in("x", f(-2.5e-3)), "x = -0.0025"),
        Arguments.of(Filter.Range.atLeast("t", i(5), true), "t >= 5"),
        Arguments.of(Filter.Range.atLeast("t", i(5), false), "t > 5"),
        Arguments.of(Filter.Range.atMost("t", i(5), true), "t <= 5"),
        Arguments.of(Filter.Range.atMost("t", i(5), false), "t < 5"),
        Arguments.of(Filter.Range.between("q", f(0.5), f(0.9)), "q BETWEEN 0.5 AND 0.9"),
        Arguments.of(new Filter.Range("q", f(0.5), false, f(0.9), true), "0.5 < q <= 0.9"),
        Arguments.of(new Filter.Range("q", i(1), true, i(2), false), "1 <= q < 2"),
        Arguments.of(new Filter.Exists("geo"), "EXISTS(geo)"),
        Arguments.of(Filter.not(new Filter.Exists("geo")), "NOT EXISTS(geo)"),
        Arguments.of(Filter.not(in("geo", s("us"))), "NOT (geo = 'us')"),
        Arguments.of(Filter.not(Filter.not(a)), "NOT (NOT (a = 1))"),
        Arguments.of(Filter.or(a, Filter.and(bb, Filter.not(c))), "a = 1 OR b = 2 AND NOT (c = 3)"),
        Arguments.of(Filter.and(Filter.or(a, bb), c), "(a = 1 OR b = 2) AND c = 3"),
        Arguments.of(Filter.not(Filter.or(a, bb)), "NOT (a = 1 OR b = 2)"),
        Arguments.of(in("in", i(1)), "\"in\" = 1"),
        Arguments.of(new Filter.Exists("Between"), "EXISTS(\"Between\")"),
        Arguments.of(Filter.ALL, "TRUE"),
        Arguments.of(Filter.NONE, "FALSE"),
        Arguments.of(Filter.not(Filter.ALL), "NOT TRUE"));
  }

  @ParameterizedTest
  @MethodSource("forms")
  void canonicalFormParsesBack(Filter filter, String text) {
    assertEquals(text, filter.toString());
    assertEquals(filter, FilterParser.parse(text));
  }

  @ParameterizedTest
  @MethodSource("forms")
  void canonicalFormIsAFixedPoint(Filter filter, String text) {
    assertEquals(text, FilterParser.parse(filter.toString()).toString());
  }
}
