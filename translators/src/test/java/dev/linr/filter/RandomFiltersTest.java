package dev.linr.filter;

import static dev.linr.filter.TestSchemas.i;
import static dev.linr.filter.TestSchemas.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomFiltersTest {
  @Test
  void theSameSeedGivesTheSameTrees() {
    RandomFilters a = new RandomFilters(TestSchemas.JOBS, Map.of(), 7);
    RandomFilters b = new RandomFilters(TestSchemas.JOBS, Map.of(), 7);
    for (int k = 0; k < 200; k++) {
      assertEquals(a.next(4), b.next(4));
    }
  }

  @Test
  void anotherSeedGivesOtherTrees() {
    List<Filter> a = take(new RandomFilters(TestSchemas.JOBS, Map.of(), 1), 50);
    List<Filter> b = take(new RandomFilters(TestSchemas.JOBS, Map.of(), 2), 50);
    assertNotEquals(a, b);
  }

  @Test
  void everyTreeValidates() {
    RandomFilters r = new RandomFilters(RoundTripTest.SCHEMA, RoundTripTest.pools(), 3);
    for (int k = 0; k < 1000; k++) {
      FilterValidator.validate(r.next(5), RoundTripTest.SCHEMA);
    }
  }

  @Test
  void depthZeroGivesLeaves() {
    RandomFilters r = new RandomFilters(TestSchemas.JOBS, Map.of(), 4);
    for (int k = 0; k < 200; k++) {
      Filter f = r.next(0);
      assertTrue(
          !(f instanceof Filter.And || f instanceof Filter.Or || f instanceof Filter.Not),
          f::toString);
    }
  }

  @Test
  void depthIsBounded() {
    RandomFilters r = new RandomFilters(TestSchemas.JOBS, Map.of(), 5);
    for (int k = 0; k < 500; k++) {
      Filter f = r.next(3);
      assertTrue(depth(f) <= 3, f::toString);
    }
  }

  @Test
  void everyNodeKindAndRangeShapeAppears() {
    RandomFilters r = new RandomFilters(TestSchemas.JOBS, Map.of(), 6);
    Set<String> kinds = new HashSet<>();
    for (int k = 0; k < 1000; k++) {
      collect(r.next(3), kinds);
    }
    assertEquals(
        Set.of(
            "And",
            "Or",
            "Not",
            "In",
            "NotIn",
            "AllOf",
            "Exists",
            "Range>",
            "Range<",
            "RangeBetween",
            "RangeMixed",
            "FloatOnInt",
            "IntOnFloat",
            "EmptyRange"),
        kinds);
  }

  @Test
  void poolsMustFitTheirAttribute() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RandomFilters(TestSchemas.JOBS, Map.of("geo", List.of(i(1))), 1));
    assertInstanceOf(FilterTypeException.class, e);
    assertEquals("filter: attribute 'geo' is string but 1 is an int", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RandomFilters(TestSchemas.JOBS, Map.of("goe", List.of(s("x"))), 1));
    assertEquals("value pool for unknown attribute 'goe'", e.getMessage());
  }

  @Test
  void aSchemaWithoutAttributesIsRejected() {
    IndexSchema empty = IndexSchema.builder().setDimension(2).build();
    assertThrows(IllegalArgumentException.class, () -> new RandomFilters(empty, Map.of(), 1));
  }

  @Test
  void poolValuesAreUsed() {
    RandomFilters r = new RandomFilters(TestSchemas.JOBS, Map.of("geo", List.of(s("only"))), 8);
    for (int k = 0; k < 300; k++) {
      Filter f = r.next(0);
      if (f instanceof Filter.In in && in.attribute().equals("geo")) {
        in.values().forEach(v -> assertEquals(s("only"), v));
      }
    }
  }

  private static List<Filter> take(RandomFilters r, int n) {
    List<Filter> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(r.next(3));
    }
    return out;
  }

  private static int depth(Filter f) {
    if (f instanceof Filter.And a) {
      return 1 + a.children().stream().mapToInt(RandomFiltersTest::depth).max().orElse(0);
    }
    if (f instanceof Filter.Or o) {
      return 1 + o.children().stream().mapToInt(RandomFiltersTest::depth).max().orElse(0);
    }
    if (f instanceof Filter.Not n) {
      return 1 + depth(n.child());
    }
    return 0;
  }

  private static void collect(Filter f, Set<String> kinds) {
    kinds.add(f.getClass().getSimpleName());
    if (f instanceof Filter.And a) {
      a.children().forEach(c -> collect(c, kinds));
    } else if (f instanceof Filter.Or o) {
      o.children().forEach(c -> collect(c, kinds));
    } else if (f instanceof Filter.Not n) {
      collect(n.child(), kinds);
    } else if (f instanceof Filter.Range r) {
      kinds.remove("Range");
      if (r.upper() == null) {
        kinds.add("Range>");
      } else if (r.lower() == null) {
        kinds.add("Range<");
      } else {
        kinds.add(r.lowerInclusive() && r.upperInclusive() ? "RangeBetween" : "RangeMixed");
        Integer c = FilterEvaluator.compare(r.lower().boxed(), r.upper());
        if (c != null && c > 0) {
          kinds.add("EmptyRange");
        }
      }
      literalKinds(r.attribute(), r.lower(), kinds);
      literalKinds(r.attribute(), r.upper(), kinds);
    } else if (f instanceof Filter.In in) {
      in.values().forEach(v -> literalKinds(in.attribute(), v, kinds));
    }
  }

  private static void literalKinds(String attribute, Literal l, Set<String> kinds) {
    if (l == null) {
      return;
    }
    boolean intAttr =
        attribute.equals("company") || attribute.equals("posted_at") || attribute.equals("count");
    if (intAttr && l instanceof Literal.Float) {
      kinds.add("FloatOnInt");
    }
    if (attribute.equals("quality") && l instanceof Literal.Int) {
      kinds.add("IntOnFloat");
    }
  }
}
