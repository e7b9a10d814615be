package dev.linr.filter;

import dev.linr.schema.AttributeSpec;
import dev.linr.schema.IndexSchema;
import java.util.List;

/** Schemas and short-hands shared by the filter tests. */
final class TestSchemas {
  private TestSchemas() {}

  /** geo, company, sponsored, skills[], posted_at, quality, count. */
  static final IndexSchema JOBS =
      IndexSchema.builder()
          .setDimension(4)
          .addAttribute(AttributeSpec.parse("geo", "string"))
          .addAttribute(AttributeSpec.parse("company", "int"))
          .addAttribute(AttributeSpec.parse("sponsored", "bool"))
          .addAttribute(AttributeSpec.parse("skills", "string[]"))
          .addAttribute(AttributeSpec.parse("posted_at", "int"))
          .addAttribute(AttributeSpec.parse("quality", "float"))
          .addAttribute(AttributeSpec.parse("count", "int"))
          .build();

  static Literal.Str s(String v) {
    return new Literal.Str(v);
  }

  static Literal.Int i(long v) {
    return new Literal.Int(v);
  }

  static Literal.Float f(double v) {
    return new Literal.Float(v);
  }

  static Literal.Bool b(boolean v) {
    return new Literal.Bool(v);
  }

  static Filter.In in(String attr, Literal... values) {
    return new Filter.In(attr, List.of(values));
  }

  static Filter.NotIn notIn(String attr, Literal... values) {
    return new Filter.NotIn(attr, List.of(values));
  }

  static Filter.AllOf allOf(String attr, Literal... values) {
    return new Filter.AllOf(attr, List.of(values));
  }
}
