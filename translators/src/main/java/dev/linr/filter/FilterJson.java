package dev.linr.filter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.linr.query.RequestParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON tree form of filters, for programs; equivalent to the string form.
 *
 * <pre>{@code
 * {"and": [f, ...]}   {"or": [f, ...]}   {"not": f}   true (ALL)   false (NONE)
 * {"attr": "geo", "op": "=", "value": "us"}                     also "!="
 * {"attr": "geo", "op": "in", "values": ["us", "ca"]}           also "not_in", "all"
 * {"attr": "posted_at", "op": ">=", "value": 1764115200}        also "<", "<=", ">"
 * {"attr": "quality", "op": "between", "low": 0.5, "high": 0.9} inclusive; optional
 *     "low_inclusive": false, "high_inclusive": false make a bound exclusive
 * {"attr": "geo", "op": "exists"}
 * }</pre>
 *
 * <p>A JSON number without '.' or exponent is an int literal (64-bit), any other a float: {@code 1}
 * and {@code 1.0} differ as they do in the string form. Ops are case-insensitive; an {@code and} or
 * {@code or} of one filter is that filter; unknown keys are errors. Errors are {@link
 * RequestParseException}s whose field is the JSON path of the offending value, such as {@code
 * filter.and[1].op}.
 */
public final class FilterJson {
  /** The deepest nesting of and/or/not accepted. */
  public static final int MAX_DEPTH = FilterParser.MAX_DEPTH;

  private static final String OPS = "=, !=, in, not_in, all, <, <=, >, >=, between, exists";
  private static final Set<String> LOGICAL = Set.of("and", "or", "not");

  private FilterJson() {}

  /** The JSON form of a filter. */
  public static JsonElement toJson(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    if (filter instanceof Filter.All) {
      return new JsonPrimitive(true);
    }
    if (filter instanceof Filter.None) {
      return new JsonPrimitive(false);
    }
    JsonObject o = new JsonObject();
    if (filter instanceof Filter.And and) {
      o.add("and", array(and.children()));
    } else if (filter instanceof Filter.Or or) {
      o.add("or", array(or.children()));
    } else if (filter instanceof Filter.Not not) {
      o.add("not", toJson(not.child()));
    } else if (filter instanceof Filter.In in) {
      membership(o, in.attribute(), "=", "in", in.values());
    } else if (filter instanceof Filter.NotIn notIn) {
      membership(o, notIn.attribute(), "!=", "not_in", notIn.values());
    } else if (filter instanceof Filter.AllOf all) {
      membership(o, all.attribute(), null, "all", all.values());
    } else if (filter instanceof Filter.Range r) {
      o.addProperty("attr", r.attribute());
      if (r.upper() == null) {
        o.addProperty("op", r.lowerInclusive() ? ">=" : ">");
        o.add("value", literal(r.lower()));
      } else if (r.lower() == null) {
        o.addProperty("op", r.upperInclusive() ? "<=" : "<");
        o.add("value", literal(r.upper()));
      } else {
        o.addProperty("op", "between");
        o.add("low", literal(r.lower()));
        o.add("high", literal(r.upper()));
        if (!r.lowerInclusive()) {
          o.addProperty("low_inclusive", false);
        }
        if (!r.upperInclusive()) {
          o.addProperty("high_inclusive", false);
        }
      }
    } else if (filter instanceof Filter.Exists e) {
      o.addProperty("attr", e.attribute());
      o.addProperty("op", "exists");
    } else {
      throw new IllegalStateException("unknown filter node " + filter.getClass());
    }
    return o;
  }

  /** The JSON form of a literal: a string, number or boolean. */
  public static JsonPrimitive literal(Literal l) {
    if (l instanceof Literal.Str s) {
      return new JsonPrimitive(s.value());
    }
    if (l instanceof Literal.Int i) {
      return new JsonPrimitive(i.value());
    }
    if (l instanceof Literal.Float f) {
      return new JsonPrimitive(f.value());
    }
    return new JsonPrimitive(((Literal.Bool) l).value());
  }

  /**
   * Reads the JSON form; errors name paths under {@code filter}.
   *
   * @throws RequestParseException naming the JSON path of the first problem
   */
  public static Filter fromJson(JsonElement json) {
    return fromJson(json, "filter");
  }

  /**
   * Reads the JSON form found at {@code path} in a request (such as {@code queries[2].filter});
   * errors name paths under it.
   */
  public static Filter fromJson(JsonElement json, String path) {
    Objects.requireNonNull(path, "path");
    return new Reader().filter(json, path, 0);
  }

  private static JsonArray array(List<Filter> children) {
    JsonArray a = new JsonArray();
    for (Filter c : children) {
      a.add(toJson(c));
    }
    return a;
  }

  private static void membership(
      JsonObject o, String attr, String single, String list, List<Literal> values) {
    o.addProperty("attr", attr);
    if (single != null && values.size() == 1) {
      o.addProperty("op", single);
      o.add("value", literal(values.get(0)));
      return;
    }
    o.addProperty("op", list);
    JsonArray a = new JsonArray();
    values.forEach(v -> a.add(literal(v)));
    o.add("values", a);
  }

  /** Reads filters; one per call. */
  private static final class Reader {
    Filter filter(JsonElement e, String path, int depth) {
      if (depth > MAX_DEPTH) {
        throw new RequestParseException(
            path, path + " nests too deeply (more than " + MAX_DEPTH + " levels)");
      }
      if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
        return e.getAsBoolean() ? Filter.ALL : Filter.NONE;
      }
      if (e == null || !e.isJsonObject()) {
        throw new RequestParseException(
            path,
            path
                + " must be a filter object such as {\"attr\": \"geo\", \"op\": \"=\", \"value\":"
                + " \"us\"}, got "
                + describe(e));
      }
      JsonObject o = e.getAsJsonObject();
      for (String logical : List.of("and", "or", "not")) {
        if (o.has(logical)) {
          for (String key : o.keySet()) {
            if (!key.equals(logical)) {
              throw new RequestParseException(
                  path + "." + key,
                  path
                      + "."
                      + key
                      + " is not allowed next to '"
                      + logical
                      + "': a filter object has either one of and, or, not, or attr and op");
            }
          }
          String p = path + "." + logical;
          JsonElement v = o.get(logical);
          if (logical.equals("not")) {
            return new Filter.Not(filter(v, p, depth + 1));
          }
          if (v == null || !v.isJsonArray()) {
            throw new RequestParseException(
                p, p + " must be an array of filters, got " + describe(v));
          }
          JsonArray a = v.getAsJsonArray();
          if (a.isEmpty()) {
            throw new RequestParseException(p, p + " must not be empty");
          }
          List<Filter> children = new ArrayList<>(a.size());
          for (int i = 0; i < a.size(); i++) {
            children.add(filter(a.get(i), p + "[" + i + "]", depth + 1));
          }
          return logical.equals("and") ? Filter.and(children) : Filter.or(children);
        }
      }
      if (!o.has("attr") && !o.has("op")) {
        throw new RequestParseException(
            path,
            path
                + " must have \"attr\" and \"op\", or be one of {\"and\": [...]}, {\"or\": [...]},"
                + " {\"not\": ...}; got keys: "
                + String.join(", ", o.keySet()));
      }
      String attr = attribute(o, path);
      String op = op(o, path);
      switch (op) {
        case "=":
          keys(o, path, op, "value");
          return new Filter.In(attr, List.of(value(o, path, "value", false)));
        case "!=":
          keys(o, path, op, "value");
          return new Filter.NotIn(attr, List.of(value(o, path, "value", false)));
        case "in":
          keys(o, path, op, "values");
          return new Filter.In(attr, values(o, path, op));
        case "not_in":
          keys(o, path, op, "values");
          return new Filter.NotIn(attr, values(o, path, op));
        case "all":
          keys(o, path, op, "values");
          return new Filter.AllOf(attr, values(o, path, op));
        case "<":
          keys(o, path, op, "value");
          return Filter.Range.atMost(attr, value(o, path, "value", true), false);
        case "<=":
          keys(o, path, op, "value");
          return Filter.Range.atMost(attr, value(o, path, "value", true), true);
        case ">":
          keys(o, path, op, "value");
          return Filter.Range.atLeast(attr, value(o, path, "value", true), false);
        case ">=":
          keys(o, path, op, "value");
          return Filter.Range.atLeast(attr, value(o, path, "value", true), true);
        case "between":
          keys(o, path, op, "low", "high", "low_inclusive", "high_inclusive");
          return new Filter.Range(
              attr,
              value(o, path, "low", true),
              flag(o, path, "low_inclusive"),
              value(o, path, "high", true),
              flag(o, path, "high_inclusive"));
        case "exists":
          keys(o, path, op);
          return new Filter.Exists(attr);
        default:
          throw new IllegalStateException(op);
      }
    }

    private static String attribute(JsonObject o, String path) {
      String p = path + ".attr";
      JsonElement e = o.get("attr");
      if (e == null) {
        throw new RequestParseException(p, p + " is required: the attribute to test");
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw new RequestParseException(p, p + " must be a string, got " + describe(e));
      }
      String name = e.getAsString();
      if (!FilterFormat.IDENTIFIER.matcher(name).matches()) {
        throw new RequestParseException(
            p,
            p
                + " must be an attribute name (a letter or underscore, then letters, digits or"
                + " underscores), got "
                + e);
      }
      return name;
    }

    private static String op(JsonObject o, String path) {
      String p = path + ".op";
      JsonElement e = o.get("op");
      if (e == null) {
        throw new RequestParseException(p, p + " is required; valid ops: " + OPS);
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw new RequestParseException(p, p + " must be a string, got " + describe(e));
      }
      String op = e.getAsString().toLowerCase(Locale.ROOT);
      switch (op) {
        case "=":
        case "!=":
        case "in":
        case "not_in":
        case "all":
        case "<":
        case "<=":
        case ">":
        case ">=":
        case "between":
        case "exists":
          return op;
        default:
          throw new RequestParseException(p, p + " must be one of " + OPS + ", got " + e);
      }
    }

    /** Rejects keys other than attr, op and the allowed ones. */
    private static void keys(JsonObject o, String path, String op, String... allowed) {
      for (String key : o.keySet()) {
        if (key.equals("attr") || key.equals("op") || List.of(allowed).contains(key)) {
          continue;
        }
        String hint = "";
        if (key.equals("values") && List.of(allowed).contains("value")) {
          hint = " (use \"in\" for a list of values)";
        } else if (key.equals("value") && List.of(allowed).contains("values")) {
          hint = " (op '" + op + "' takes \"values\": [...])";
        } else if (LOGICAL.contains(key)) {
          hint = " (and, or and not are filter objects of their own)";
        }
        throw new RequestParseException(
            path + "." + key,
            path
                + "."
                + key
                + " is not a field of op '"
                + op
                + "'; it takes: attr, op"
                + (allowed.length == 0 ? "" : ", " + String.join(", ", allowed))
                + hint);
      }
    }

    private static List<Literal> values(JsonObject o, String path, String op) {
      String p = path + ".values";
      JsonElement e = o.get("values");
      if (e == null) {
        throw new RequestParseException(
            p, p + " is required for op '" + op + "': an array of values");
      }
      if (!e.isJsonArray()) {
        throw new RequestParseException(p, p + " must be an array of values, got " + describe(e));
      }
      JsonArray a = e.getAsJsonArray();
      if (a.isEmpty()) {
        throw new RequestParseException(p, p + " must hold at least one value");
      }
      List<Literal> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(literal(a.get(i), p + "[" + i + "]", false));
      }
      return out;
    }

    private static Literal value(JsonObject o, String path, String key, boolean number) {
      String p = path + "." + key;
      JsonElement e = o.get(key);
      if (e == null) {
        throw new RequestParseException(
            p, p + " is required" + (number ? ": a number" : ": a string, number or boolean"));
      }
      return literal(e, p, number);
    }

    private static boolean flag(JsonObject o, String path, String key) {
      JsonElement e = o.get(key);
      if (e == null) {
        return true;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
        throw new RequestParseException(
            path + "." + key, path + "." + key + " must be true or false, got " + describe(e));
      }
      return e.getAsBoolean();
    }

    private static Literal literal(JsonElement e, String path, boolean number) {
      if (e.isJsonPrimitive()) {
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isNumber()) {
          return number(p.getAsString(), path);
        }
        if (!number && p.isString()) {
          return new Literal.Str(p.getAsString());
        }
        if (!number && p.isBoolean()) {
          return new Literal.Bool(p.getAsBoolean());
        }
      }
      throw new RequestParseException(
          path,
          path
              + " must be "
              + (number ? "a number" : "a string, number or boolean")
              + ", got "
              + describe(e));
    }

    /** An int literal for integer text, else a float literal. */
    private static Literal number(String text, String path) {
      boolean integer = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
      try {
        if (integer) {
          return new Literal.Int(Long.parseLong(text));
        }
        double d = Double.parseDouble(text);
        if (Double.isFinite(d)) {
          return new Literal.Float(d);
        }
      } catch (NumberFormatException e) {
        if (integer && text.matches("-?[0-9]+")) {
          throw new RequestParseException(
              path, path + " is out of the 64-bit integer range, got " + text);
        }
      }
      throw new RequestParseException(path, path + " must be a finite number, got " + text);
    }
  }

  private static String describe(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    if (e.isJsonObject()) {
      return "an object";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    String text = p.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    if (p.isString()) {
      return "the string " + text;
    }
    if (p.isBoolean()) {
      return text;
    }
    return "the number " + text;
  }
}
