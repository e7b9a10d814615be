package dev.linr.filter;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a filter against an index schema, so the compiler only sees filters it can encode.
 *
 * <p>Rules: every attribute is declared; string attributes take string literals, bool attributes
 * {@code true}/{@code false}, int and float attributes numbers of either kind (the compiler handles
 * an int attribute against {@code 1.5}); ranges need an int or float attribute. A value never seen
 * at build time is fine (it matches nothing).
 *
 * <p>Normalisation: repeated literals in a membership list are dropped (first occurrence kept);
 * everything else is returned as it is, and a filter that needs no change is returned itself.
 */
public final class FilterValidator {
  private FilterValidator() {}

  /**
   * Validates a filter against a schema.
   *
   * @return the filter, with repeated membership values dropped
   * @throws FilterTypeException for the first problem, in reading order
   */
  public static Filter validate(Filter filter, IndexSchema schema) {
    return check(filter, schema);
  }

  private static Filter check(Filter f, IndexSchema schema) {
    if (f instanceof Filter.All || f instanceof Filter.None) {
      return f;
    }
    if (f instanceof Filter.And and) {
      List<Filter> children = children(and.children(), schema);
      return children == and.children() ? f : new Filter.And(children);
    }
    if (f instanceof Filter.Or or) {
      List<Filter> children = children(or.children(), schema);
      return children == or.children() ? f : new Filter.Or(children);
    }
    if (f instanceof Filter.Not not) {
      Filter child = check(not.child(), schema);
      return child == not.child() ? f : new Filter.Not(child);
    }
    if (f instanceof Filter.In in) {
      List<Literal> values = values(spec(in.attribute(), schema), in.values());
      return values == in.values() ? f : new Filter.In(in.attribute(), values);
    }
    if (f instanceof Filter.NotIn notIn) {
      List<Literal> values = values(spec(notIn.attribute(), schema), notIn.values());
      return values == notIn.values() ? f : new Filter.NotIn(notIn.attribute(), values);
    }
    if (f instanceof Filter.AllOf all) {
      List<Literal> values = values(spec(all.attribute(), schema), all.values());
      return values == all.values() ? f : new Filter.AllOf(all.attribute(), values);
    }
    if (f instanceof Filter.Range r) {
      AttributeSpec spec = spec(r.attribute(), schema);
      if (spec.type() != AttributeType.INT && spec.type() != AttributeType.FLOAT) {
        throw new FilterTypeException(
            spec.name(),
            "attribute '"
                + spec.name()
                + "' is "
                + spec.typeName()
                + "; ranges (<, <=, >, >=, BETWEEN) need an int or float attribute");
      }
      return f; // the Range constructor admits only numeric bounds
    }
    if (f instanceof Filter.Exists e) {
      spec(e.attribute(), schema);
      return f;
    }
    throw new IllegalStateException("unknown filter node " + f.getClass());
  }

  /** The checked children; the same list instance when none changed. */
  private static List<Filter> children(List<Filter> children, IndexSchema schema) {
    List<Filter> out = null;
    for (int i = 0; i < children.size(); i++) {
      Filter c = children.get(i);
      Filter checked = check(c, schema);
      if (checked != c && out == null) {
        out = new ArrayList<>(children.subList(0, i));
      }
      if (out != null) {
        out.add(checked);
      }
    }
    return out == null ? children : out;
  }

  private static AttributeSpec spec(String name, IndexSchema schema) {
    return schema
        .attribute(name)
        .orElseThrow(
            () ->
                new FilterTypeException(
                    name,
                    "unknown attribute '"
                        + name
                        + "'; "
                        + (schema.attributes().isEmpty()
                            ? "the index has no attributes"
                            : "known attributes: "
                                + schema.attributes().stream()
                                    .map(AttributeSpec::name)
                                    .collect(Collectors.joining(", ")))));
  }

  /** Checks each literal's type; drops repeats (the same list instance when there are none). */
  private static List<Literal> values(AttributeSpec spec, List<Literal> values) {
    for (Literal l : values) {
      if (!fits(spec.type(), l)) {
        throw new FilterTypeException(
            spec.name(),
            "attribute '"
                + spec.name()
                + "' is "
                + spec.typeName()
                + " but "
                + l
                + " is "
                + (l instanceof Literal.Int ? "an " : "a ")
                + l.typeName());
      }
    }
    LinkedHashSet<Literal> distinct = new LinkedHashSet<>(values);
    return distinct.size() == values.size() ? values : List.copyOf(distinct);
  }

  private static boolean fits(AttributeType type, Literal l) {
    switch (type) {
      case STRING:
        return l instanceof Literal.Str;
      case BOOL:
        return l instanceof Literal.Bool;
      default:
        return l.isNumber();
    }
  }
}
