package dev.linr.filter;

import static dev.linr.filter.TestSchemas.b;
import static dev.linr.filter.TestSchemas.f;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.in;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree's invariants, {@link Literal} and the {@link Filters} helpers. */
class FilterTest {
  private final Filter a = in("a", i(1));
  private final Filter bb = in("b", i(2));
  private final Filter c = in("c", i(3));

  @Test
  void andAndOrAreFlattened() {
    assertEquals(
        List.of(a, bb, c), new Filter.And(List.of(a, new Filter.And(List.of(bb, c)))).children());
    assertEquals(
        List.of(a, bb, c), new Filter.Or(List.of(new Filter.Or(List.of(a, bb)), c)).children());
    Filter mixed = new Filter.And(List.of(a, new Filter.Or(List.of(bb, c))));
    assertEquals(2, ((Filter.And) mixed).children().size());
  }

  @Test
  void andAndOrNeedTwoChildren() {
    assertThrows(IllegalArgumentException.class, () -> new Filter.And(List.of(a)));
    assertThrows(IllegalArgumentException.class, () -> new Filter.Or(List.of()));
  }

  @Test
  void factoriesHandleZeroAndOneFilter() {
    assertSame(Filter.ALL, Filter.and());
    assertSame(Filter.NONE, Filter.or());
    assertSame(a, Filter.and(a));
    assertSame(a, Filter.or(List.of(a)));
    assertEquals(new Filter.And(List.of(a, bb)), Filter.and(a, bb));
  }

  @Test
  void listsAreUnmodifiableCopies() {
    List<Literal> values = new ArrayList<>(List.of(s("us")));
    Filter.In f = new Filter.In("geo", values);
    values.add(s("ca"));
    assertEquals(List.of(s("us")), f.values());
    assertThrows(UnsupportedOperationException.class, () -> f.values().add(s("x")));
  }

  @Test
  void membershipNeedsAValue() {
    assertThrows(IllegalArgumentException.class, () -> new Filter.In("geo", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Filter.NotIn("geo", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Filter.AllOf("geo", List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1geo", "geo-x", "géo", "geo us"})
  void attributeNamesMustBeIdentifiers(String name) {
    assertThrows(IllegalArgumentException.class, () -> new Filter.Exists(name));
    assertThrows(IllegalArgumentException.class, () -> new Filter.In(name, List.of(i(1))));
  }

  @Test
  void rangeBoundsAreNumbersAndOneIsNeeded() {
    assertThrows(
        IllegalArgumentException.class, () -> new Filter.Range("x", null, true, null, true));
    assertThrows(
        IllegalArgumentException.class, () -> new Filter.Range("x", s("a"), true, null, false));
    assertThrows(
        IllegalArgumentException.class, () -> new Filter.Range("x", null, false, b(true), true));
  }

  @Test
  void aMissingBoundIsNotInclusive() {
    Filter.Range r = new Filter.Range("x", null, true, i(5), true);
    assertFalse(r.lowerInclusive());
    assertEquals(Filter.Range.atMost("x", i(5), true), r);
  }

  @Test
  void floatLiteralsAreFinite() {
    assertThrows(IllegalArgumentException.class, () -> f(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> f(Double.POSITIVE_INFINITY));
  }

  @Test
  void literalKindsDiffer() {
    assertNotEquals(i(1), f(1.0));
    assertNotEquals(f(0.0), f(-0.0));
  }

  @Test
  void literalsFromJavaValues() {
    assertEquals(s("x"), Literal.of("x"));
    assertEquals(i(5), Literal.of(5));
    assertEquals(i(5), Literal.of(5L));
    assertEquals(f(0.5), Literal.of(0.5));
    assertEquals(f(0.5), Literal.of(0.5f));
    assertEquals(b(true), Literal.of(true));
    assertThrows(IllegalArgumentException.class, () -> Literal.of(new Object()));
    assertEquals("'it''s'", s("it's").toString());
    assertEquals("string", s("x").typeName());
    assertEquals(5L, i(5).boxed());
  }

  @Test
  void filtersHelpers() {
    assertEquals(FilterParser.parse("geo = 'us'"), Filters.eq("geo", "us"));
    assertEquals(FilterParser.parse("geo != 'us'"), Filters.ne("geo", "us"));
    assertEquals(FilterParser.parse("geo IN ('us', 'ca')"), Filters.in("geo", "us", "ca"));
    assertEquals(FilterParser.parse("company NOT IN (1, 2)"), Filters.notIn("company", 1, 2L));
    assertEquals(FilterParser.parse("skills ALL ('a', 'b')"), Filters.allOf("skills", "a", "b"));
    assertEquals(FilterParser.parse("t > 5"), Filters.gt("t", 5));
    assertEquals(FilterParser.parse("t >= 5"), Filters.ge("t", 5L));
    assertEquals(FilterParser.parse("t < 0.5"), Filters.lt("t", 0.5));
    assertEquals(FilterParser.parse("t <= 5"), Filters.le("t", 5));
    assertEquals(FilterParser.parse("q BETWEEN 0.5 AND 1"), Filters.between("q", 0.5, 1));
    assertEquals(FilterParser.parse("EXISTS(geo)"), Filters.exists("geo"));
  }

  @Test
  void clausesOfNoneOrOne() {
    assertSame(Filter.ALL, Filters.clauses());
    assertEquals(
        FilterParser.parse("NOT (company IN (12, 13))"),
        Filters.clauses(Filters.notClause("company", 12, 13)));
  }

  @Test
  void clausesAreAnAndOfInsAndNegatedIns() {
    assertEquals(
        FilterParser.parse(
            "(geo IN ('us','ca')) AND (skills IN ('java')) AND NOT (company IN (12))"),
        Filters.clauses(
            List.of(
                Filters.clause("geo", "us", "ca"),
                Filters.clause("skills", "java"),
                Filters.notClause("company", 12))));
  }
}
