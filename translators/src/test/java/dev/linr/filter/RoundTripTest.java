package dev.linr.filter;

import static dev.linr.filter.TestSchemas.b;
import static dev.linr.filter.TestSchemas.f;
import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random trees: parse(toString(f)) and fromJson(toJson(f)) give f back, and
 * validation keeps the meaning.
 */
class RoundTripTest {
  /** Attribute names that need quoting, mixed case, and awkward values in every pool. */
  static final IndexSchema SCHEMA =
      IndexSchema.builder()
          .setDimension(2)
          .addAttribute(AttributeSpec.parse("geo", "string"))
          .addAttribute(AttributeSpec.parse("skills", "string[]"))
          .addAttribute(AttributeSpec.parse("in", "string"))
          .addAttribute(AttributeSpec.parse("Not", "int"))
          .addAttribute(AttributeSpec.parse("company", "int"))
          .addAttribute(AttributeSpec.parse("ids", "int[]"))
          .addAttribute(AttributeSpec.parse("quality", "float"))
          .addAttribute(AttributeSpec.parse("scores", "float[]"))
          .addAttribute(AttributeSpec.parse("sponsored", "bool"))
          .addAttribute(AttributeSpec.parse("_flags9", "bool[]"))
          .build();

  static Map<String, List<Literal>> pools() {
    List<Literal> strings =
        List.of(
            s("us"),
            s("ca"),
            s(""),
            s("'"),
            s("it's"),
            s("a''b"),
            s("ünï ✓"),
            s("line\nbreak"),
            s("AND"),
            s(" spaced "),
            s("\"dq\""),
            s("(x)"));
    List<Literal> ints =
        List.of(
            i(0),
            i(1),
            i(-1),
            i(1234),
            i(Long.MAX_VALUE),
            i(Long.MIN_VALUE),
            i((1L << 53) + 1),
            i(1764115200));
    List<Literal> floats =
        List.of(
            f(0.0),
            f(-0.0),
            f(0.5),
            f(0.1),
            f(-2.5e-3),
            f(1e-300),
            f(Double.MIN_VALUE),
            f(Double.MAX_VALUE),
            f(-Double.MAX_VALUE),
            f(1e20),
            f(3.0),
            i(7));
    Map<String, List<Literal>> pools = new HashMap<>();
    pools.put("geo", strings);
    pools.put("skills", strings);
    pools.put("in", strings);
    pools.put("Not", ints);
    pools.put("company", ints);
    pools.put("ids", ints);
    pools.put("quality", floats);
    pools.put("scores", floats);
    pools.put("sponsored", List.of(b(true), b(false)));
    return pools;
  }

  static List<Filter> trees(long seed, int n) {
    RandomFilters random = new RandomFilters(SCHEMA, pools(), seed);
    List<Filter> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(random.next(k % 6));
    }
    return out;
  }

  @Test
  void stringFormRoundTrips() {
    for (Filter f : trees(42, 1000)) {
      assertEquals(f, FilterParser.parse(f.toString()), f::toString);
    }
  }

  @Test
  void jsonFormRoundTrips() {
    for (Filter f : trees(43, 1000)) {
      assertEquals(f, FilterJson.fromJson(FilterJson.toJson(f)), f::toString);
    }
  }

  @Test
  void jsonTextRoundTrips() {
    for (Filter f : trees(44, 1000)) {
      String text = FilterJson.toJson(f).toString();
      assertEquals(f, FilterJson.fromJson(JsonParser.parseString(text)), text);
    }
  }

  @Test
  void stringAndJsonFormsAgree() {
    for (Filter f : trees(45, 1000)) {
      assertEquals(
          FilterJson.toJson(f), FilterJson.toJson(FilterParser.parse(f.toString())), f::toString);
    }
  }

  @Test
  void validationKeepsTheMeaningAndIsIdempotent() {
    Random r = new Random(46);
    List<Map<String, List<Object>>> items = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      items.add(randomItem(r));
    }
    for (Filter f : trees(46, 1000)) {
      Filter v = FilterValidator.validate(f, SCHEMA);
      assertEquals(v, FilterValidator.validate(v, SCHEMA), f::toString);
      for (Map<String, List<Object>> item : items) {
        assertEquals(
            FilterEvaluator.matches(f, item), FilterEvaluator.matches(v, item), f::toString);
      }
    }
  }

  /** Random values from the pools, each attribute missing a fifth of the time. */
  static Map<String, List<Object>> randomItem(Random r) {
    Map<String, List<Literal>> pools = pools();
    pools.put("_flags9", List.of(b(true), b(false)));
    Map<String, List<Object>> item = new HashMap<>();
    for (AttributeSpec a : SCHEMA.attributes()) {
      if (r.nextInt(5) == 0) {
        continue;
      }
      List<Literal> pool = pools.get(a.name());
      int n = a.multiValued() ? r.nextInt(4) : 1;
      List<Object> values = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Literal l = pool.get(r.nextInt(pool.size()));
        Object v = l.boxed();
        if (a.type() == dev.linr.schema.AttributeType.FLOAT && v instanceof Long x) {
          v = (double) x;
        }
        values.add(v);
      }
      item.put(a.name(), values);
    }
    return item;
  }
}
