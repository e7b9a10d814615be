package dev.linr.filter;

import static dev.linr.filter.TestSchemas.allOf;
import static dev.linr.filter.TestSchemas.b;
import static dev.linr.filter.TestSchemas.f;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.in;
import static dev.linr.filter.TestSchemas.notIn;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.linr.query.RequestParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterJsonTest {
  private static JsonElement json(String text) {
    return JsonParser.parseString(text.replace('`', '"'));
  }

  private static Filter read(String text) {
    return FilterJson.fromJson(json(text));
  }

  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("{`attr`: `geo`, `op`: `=`, `value`: `us`}", in("geo", s("us"))),
        Arguments.of("{`attr`: `geo`, `op`: `!=`, `value`: `us`}", notIn("geo", s("us"))),
        Arguments.of(
            "{`attr`: `geo`, `op`: `in`, `values`: [`us`, `ca`]}", in("geo", s("us"), s("ca"))),
        Arguments.of(
            "{`attr`: `geo`, `op`: `not_in`, `values`: [`us`, `ca`]}",
            notIn("geo", s("us"), s("ca"))),
        Arguments.of(
            "{`attr`: `skills`, `op`: `all`, `values`: [`java`]}", allOf("skills", s("java"))),
        Arguments.of("{`attr`: `t`, `op`: `<`, `value`: 5}", Filter.Range.atMost("t", i(5), false)),
        Arguments.of("{`attr`: `t`, `op`: `<=`, `value`: 5}", Filter.Range.atMost("t", i(5), true)),
        Arguments.of(
            "{`attr`: `t`, `op`: `>`, `value`: 5}", Filter.Range.atLeast("t", i(5), false)),
        Arguments.of(
            "{`attr`: `t`, `op`: `>=`, `value`: 1764115200}",
            Filter.Range.atLeast("t", i(1764115200), true)),
        Arguments.of(
            "{`attr`: `q`, `op`: `between`, `low`: 0.5, `high`: 0.9}",
            Filter.Range.between("q", f(0.5), f(0.9))),
        Arguments.of(
            "{`attr`: `q`, `op`: `between`, `low`: 0.5, `high`: 1, `low_inclusive`: false}",
            new Filter.Range("q", f(0.5), false, i(1), true)),
        Arguments.of(
            "{`attr`: `q`, `op`: `between`, `low`: 0, `high`: 1, `high_inclusive`: false}",
            new Filter.Range("q", i(0), true, i(1), false)),
        Arguments.of("{`attr`: `geo`, `op`: `exists`}", new Filter.Exists("geo")),
        Arguments.of(
            "{`and`: [{`attr`: `a`, `op`: `=`, `value`: 1}, {`attr`: `b`, `op`: `=`, `value`:"
                + " true}]}",
            Filter.and(in("a", i(1)), in("b", b(true)))),
        Arguments.of(
            "{`or`: [{`attr`: `a`, `op`: `=`, `value`: 1.0}, {`not`: {`attr`: `b`, `op`:"
                + " `exists`}}]}",
            Filter.or(in("a", f(1.0)), Filter.not(new Filter.Exists("b")))),
        Arguments.of("true", Filter.ALL),
        Arguments.of("false", Filter.NONE));
  }

  @ParameterizedTest
  @MethodSource("forms")
  void readsAndWritesEachForm(String text, Filter filter) {
    assertEquals(filter, read(text));
    assertEquals(json(text), FilterJson.toJson(filter));
  }

  @Test
  void integersAndDecimalsAreDifferentLiterals() {
    assertEquals(in("x", i(1)), read("{`attr`: `x`, `op`: `=`, `value`: 1}"));
    assertEquals(in("x", f(1.0)), read("{`attr`: `x`, `op`: `=`, `value`: 1.0}"));
    assertEquals(in("x", f(1000.0)), read("{`attr`: `x`, `op`: `=`, `value`: 1e3}"));
    assertEquals(
        in("x", i(Long.MIN_VALUE)),
        read("{`attr`: `x`, `op`: `=`, `value`: -9223372036854775808}"));
  }

  @Test
  void opsAreCaseInsensitive() {
    assertEquals(notIn("g", s("x")), read("{`attr`: `g`, `op`: `NOT_IN`, `values`: [`x`]}"));
  }

  @Test
  void oneChildAndIsTheChild() {
    assertEquals(in("a", i(1)), read("{`and`: [{`attr`: `a`, `op`: `=`, `value`: 1}]}"));
  }

  @Test
  void theSameFilterAsTheString() {
    String text = "geo IN ('us', 'ca') AND NOT (company = 12) OR 0.5 < quality <= 0.9";
    Filter f = FilterParser.parse(text);
    assertEquals(f, FilterJson.fromJson(FilterJson.toJson(f)));
    assertEquals(text, FilterJson.fromJson(FilterJson.toJson(f)).toString());
  }

  static Stream<Arguments> errors() {
    String ops = "=, !=, in, not_in, all, <, <=, >, >=, between, exists";
    String a1 = "{`attr`: `a`, `op`: `=`, `value`: 1}";
    return Stream.of(
        Arguments.of(
            "{`and`: [" + a1 + ", {`attr`: `geo`, `op`: `like`, `value`: `x`}]}",
            "filter.and[1].op",
            "filter.and[1].op must be one of " + ops + ", got \"like\""),
        Arguments.of(
            "{`or`: [" + a1 + ", {`not`: {`op`: `=`, `value`: 1}}]}",
            "filter.or[1].not.attr",
            "filter.or[1].not.attr is required: the attribute to test"),
        Arguments.of("{`attr`: `a`}", "filter.op", "filter.op is required; valid ops: " + ops),
        Arguments.of(
            "{`attr`: 5, `op`: `=`, `value`: 1}",
            "filter.attr",
            "filter.attr must be a string, got the number 5"),
        Arguments.of(
            "{`attr`: `1x`, `op`: `=`, `value`: 1}",
            "filter.attr",
            "filter.attr must be an attribute name (a letter or underscore, then letters, digits"
                + " or underscores), got \"1x\""),
        Arguments.of(
            "{`attr`: `a`, `op`: `=`}",
            "filter.value",
            "filter.value is required: a string, number or boolean"),
        Arguments.of(
            "{`attr`: `a`, `op`: `=`, `value`: [1]}",
            "filter.value",
            "filter.value must be a string, number or boolean, got an array"),
        Arguments.of(
            "{`attr`: `a`, `op`: `<`, `value`: `x`}",
            "filter.value",
            "filter.value must be a number, got the string \"x\""),
        Arguments.of(
            "{`attr`: `a`, `op`: `between`, `low`: 1}",
            "filter.high",
            "filter.high is required: a number"),
        Arguments.of(
            "{`attr`: `a`, `op`: `between`, `low`: 1, `high`: 2, `low_inclusive`: `no`}",
            "filter.low_inclusive",
            "filter.low_inclusive must be true or false, got the string \"no\""),
        Arguments.of(
            "{`attr`: `a`, `op`: `in`, `values`: []}",
            "filter.values",
            "filter.values must hold at least one value"),
        Arguments.of(
            "{`attr`: `a`, `op`: `in`, `values`: 1}",
            "filter.values",
            "filter.values must be an array of values, got the number 1"),
        Arguments.of(
            "{`attr`: `a`, `op`: `in`, `values`: [1, null]}",
            "filter.values[1]",
            "filter.values[1] must be a string, number or boolean, got null"),
        Arguments.of(
            "{`attr`: `a`, `op`: `in`, `value`: 1}",
            "filter.value",
            "filter.value is not a field of op 'in'; it takes: attr, op, values (op 'in' takes"
                + " \"values\": [...])"),
        Arguments.of(
            "{`attr`: `a`, `op`: `=`, `values`: [1]}",
            "filter.values",
            "filter.values is not a field of op '='; it takes: attr, op, value (use \"in\" for a"
                + " list of values)"),
        Arguments.of(
            "{`attr`: `a`, `op`: `exists`, `value`: 1}",
            "filter.value",
            "filter.value is not a field of op 'exists'; it takes: attr, op"),
        Arguments.of(
            "{`and`: [" + a1 + "], `attr`: `a`}",
            "filter.attr",
            "filter.attr is not allowed next to 'and': a filter object has either one of and,"
                + " or, not, or attr and op"),
        Arguments.of(
            "{`and`: {}}", "filter.and", "filter.and must be an array of filters, got an object"),
        Arguments.of("{`or`: []}", "filter.or", "filter.or must not be empty"),
        Arguments.of(
            "{`nott`: {}}",
            "filter",
            "filter must have \"attr\" and \"op\", or be one of {\"and\": [...]}, {\"or\":"
                + " [...]}, {\"not\": ...}; got keys: nott"),
        Arguments.of(
            "[1]",
            "filter",
            "filter must be a filter object such as {\"attr\": \"geo\", \"op\": \"=\", \"value\":"
                + " \"us\"}, got an array"),
        Arguments.of(
            "{`not`: `geo = 'us'`}",
            "filter.not",
            "filter.not must be a filter object such as {\"attr\": \"geo\", \"op\": \"=\","
                + " \"value\": \"us\"}, got the string \"geo = 'us'\""),
        Arguments.of(
            "{`attr`: `a`, `op`: `=`, `value`: 99999999999999999999}",
            "filter.value",
            "filter.value is out of the 64-bit integer range, got 99999999999999999999"),
        Arguments.of(
            "{`attr`: `a`, `op`: `=`, `value`: 1e999}",
            "filter.value",
            "filter.value must be a finite number, got 1e999"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorsNameTheJsonPath(String text, String field, String message) {
    RequestParseException e = assertThrows(RequestParseException.class, () -> read(text));
    assertEquals(field, e.field());
    assertEquals(message, e.getMessage());
  }

  @Test
  void errorsAreUnderTheGivenPath() {
    RequestParseException e =
        assertThrows(
            RequestParseException.class,
            () ->
                FilterJson.fromJson(
                    json("{`not`: {`attr`: `a`, `op`: `?`}}"), "queries[2].filter"));
    assertEquals("queries[2].filter.not.op", e.field());
  }

  @Test
  void nestingIsLimited() {
    String deep = "{`not`: ".repeat(101) + "true" + "}".repeat(101);
    RequestParseException e = assertThrows(RequestParseException.class, () -> read(deep));
    assertEquals(
        "filter" + ".not".repeat(101) + " nests too deeply (more than 100 levels)", e.getMessage());
  }
}
