package dev.linr.filter;

import static dev.linr.filter.TestSchemas.JOBS;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.in;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.query.RequestParseException;
import dev.linr.schema.IndexSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterValidatorTest {
  private static Filter validate(String filter) {
    return FilterValidator.validate(FilterParser.parse(filter), JOBS);
  }

  private static FilterTypeException error(String filter) {
    return assertThrows(FilterTypeException.class, () -> validate(filter));
  }

  @Test
  void unknownAttributeListsTheKnownOnes() {
    FilterTypeException e = error("goe = 'us'");
    assertEquals(
        "filter: unknown attribute 'goe'; known attributes: geo, company, sponsored, skills,"
            + " posted_at, quality, count",
        e.getMessage());
    assertEquals("filter", e.field());
    assertEquals("goe", e.attribute());
    assertInstanceOf(RequestParseException.class, e);
  }

  @Test
  void unknownAttributeInExistsAndRanges() {
    assertEquals("goe", error("EXISTS(goe)").attribute());
    assertEquals("goe", error("goe > 1").attribute());
  }

  @Test
  void anIndexWithoutAttributes() {
    IndexSchema none = IndexSchema.builder().setDimension(2).build();
    FilterTypeException e =
        assertThrows(
            FilterTypeException.class,
            () -> FilterValidator.validate(FilterParser.parse("geo = 'us'"), none));
    assertEquals("filter: unknown attribute 'geo'; the index has no attributes", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "posted_at = 'abc'          | filter: attribute 'posted_at' is int but 'abc' is a string",
        "quality IN (0.5, 'x')      | filter: attribute 'quality' is float but 'x' is a string",
        "geo = 5                    | filter: attribute 'geo' is string but 5 is an int",
        "geo != true                | filter: attribute 'geo' is string but true is a bool",
        "skills ALL ('java', 1.5)   | filter: attribute 'skills' is string[] but 1.5 is a float",
        "sponsored = 1              | filter: attribute 'sponsored' is bool but 1 is an int",
        "sponsored NOT IN ('yes')   | filter: attribute 'sponsored' is bool but 'yes' is a string",
        "company = false            | filter: attribute 'company' is int but false is a bool",
      })
  void literalTypesMustFit(String filter, String message) {
    assertEquals(message, error(filter).getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "geo > 5                    | geo       | string",
        "skills <= 5                | skills    | string[]",
        "sponsored BETWEEN 0 AND 1  | sponsored | bool",
        "0 < sponsored < 1          | sponsored | bool",
      })
  void rangesNeedNumericAttributes(String filter, String attribute, String type) {
    assertEquals(
        "filter: attribute '"
            + attribute
            + "' is "
            + type
            + "; ranges (<, <=, >, >=, BETWEEN) need an int or float attribute",
        error(filter).getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quality = 1",
        "quality BETWEEN 0 AND 1",
        "company = 1.5",
        "company > 1.5",
        "posted_at >= 1764115200",
        "count IN (1, 2.0, 2.5)",
        "geo = 'never seen at build time'",
        "sponsored = true AND NOT EXISTS(geo) OR skills ALL ('java', 'ml')",
        "TRUE",
      })
  void validFiltersPass(String filter) {
    Filter f = FilterParser.parse(filter);
    assertSame(f, FilterValidator.validate(f, JOBS));
  }

  @Test
  void theFirstProblemInReadingOrderIsReported() {
    assertEquals("goe", error("goe = 'x' AND posted_at = 'abc'").attribute());
    assertEquals("posted_at", error("posted_at = 'abc' OR goe = 'x'").attribute());
  }

  @Test
  void repeatedValuesAreDropped() {
    assertEquals(in("geo", s("us"), s("ca")), validate("geo IN ('us', 'ca', 'us')"));
    assertEquals(
        FilterParser.parse("company = 1 AND NOT (skills ALL ('a', 'b'))"),
        validate("company IN (1, 1) AND NOT (skills ALL ('a', 'b', 'a', 'b'))"));
    // Literals of different kinds stay: the compiler handles 1 and 1.0 alike.
    assertEquals(
        new Filter.In("quality", java.util.List.of(i(1), new Literal.Float(1.0))),
        validate("quality IN (1, 1.0)"));
  }
}
