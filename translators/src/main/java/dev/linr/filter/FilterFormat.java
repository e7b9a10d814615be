package dev.linr.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The canonical string form of filters (what {@code Filter.toString()} returns). */
final class FilterFormat {
  /** Attribute names: a letter or underscore, then letters, digits or underscores. */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words with a meaning in the language; an attribute so named is written in double quotes. */
  static final Set<String> KEYWORDS =
      Set.of("AND", "OR", "NOT", "IN", "ALL", "BETWEEN", "EXISTS", "TRUE", "FALSE");

  private FilterFormat() {}

  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** The attribute as written in a filter: bare, or {@code "in"} for a keyword. */
  static String attribute(String name) {
    return isKeyword(name) ? '"' + name + '"' : name;
  }

  static String format(Filter f) {
    StringBuilder sb = new StringBuilder();
    write(f, sb);
    return sb.toString();
  }

  private static void write(Filter f, StringBuilder sb) {
    if (f instanceof Filter.All) {
      sb.append("TRUE");
    } else if (f instanceof Filter.None) {
      sb.append("FALSE");
    } else if (f instanceof Filter.Or or) {
      join(or.children(), " OR ", sb);
    } else if (f instanceof Filter.And and) {
      join(and.children(), " AND ", sb);
    } else if (f instanceof Filter.Not not) {
      sb.append("NOT ");
      if (not.child() instanceof Filter.Exists
          || not.child() instanceof Filter.All
          || not.child() instanceof Filter.None) {
        write(not.child(), sb);
      } else {
        sb.append('(');
        write(not.child(), sb);
        sb.append(')');
      }
    } else if (f instanceof Filter.In in) {
      membership(in.attribute(), "=", "IN", in.values(), sb);
    } else if (f instanceof Filter.NotIn notIn) {
      membership(notIn.attribute(), "!=", "NOT IN", notIn.values(), sb);
    } else if (f instanceof Filter.AllOf all) {
      membership(all.attribute(), null, "ALL", all.values(), sb);
    } else if (f instanceof Filter.Range r) {
      range(r, sb);
    } else if (f instanceof Filter.Exists e) {
      sb.append("EXISTS(").append(attribute(e.attribute())).append(')');
    } else {
      throw new IllegalStateException("unknown filter node " + f.getClass());
    }
  }

  private static void join(List<Filter> children, String operator, StringBuilder sb) {
    boolean and = operator.equals(" AND ");
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(operator);
      }
      Filter c = children.get(i);
      // An Or inside an And needs parentheses; And binds tighter than Or, so the reverse does not.
      boolean parens = and && c instanceof Filter.Or;
      if (parens) {
        sb.append('(');
      }
      write(c, sb);
      if (parens) {
        sb.append(')');
      }
    }
  }

  private static void membership(
      String attr, String single, String list, List<Literal> values, StringBuilder sb) {
    sb.append(attribute(attr)).append(' ');
    if (single != null && values.size() == 1) {
      sb.append(single).append(' ').append(values.get(0));
      return;
    }
    sb.append(list).append(" (");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values.get(i));
    }
    sb.append(')');
  }

  private static void range(Filter.Range r, StringBuilder sb) {
    String a = attribute(r.attribute());
    if (r.upper() == null) {
      sb.append(a).append(r.lowerInclusive() ? " >= " : " > ").append(r.lower());
    } else if (r.lower() == null) {
      sb.append(a).append(r.upperInclusive() ? " <= " : " < ").append(r.upper());
    } else if (r.lowerInclusive() && r.upperInclusive()) {
      sb.append(a).append(" BETWEEN ").append(r.lower()).append(" AND ").append(r.upper());
    } else {
      sb.append(r.lower())
          .append(r.lowerInclusive() ? " <= " : " < ")
          .append(a)
          .append(r.upperInclusive() ? " <= " : " < ")
          .append(r.upper());
    }
  }
}
