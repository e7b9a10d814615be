package dev.linr.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the filter language (recursive descent). Thread-safe: all state lives in one call.
 *
 * <pre>
 * filter    := or
 * or        := and ('OR' and)*
 * and       := unary ('AND' unary)*
 * unary     := 'NOT' unary | primary
 * primary   := '(' or ')' | 'EXISTS' '(' attr ')' | 'TRUE' | 'FALSE'
 *            | attr ('=' | '!=') value
 *            | attr ('<' | '<=' | '>' | '>=') number
 *            | attr ('IN' | 'NOT' 'IN' | 'ALL') '(' value (',' value)* ')'
 *            | attr 'BETWEEN' number 'AND' number          (inclusive)
 *            | number ('<' | '<=') attr ('<' | '<=') number  (a two-sided range)
 * attr      := identifier | '"' identifier '"'              (quoted when it is a keyword)
 * value     := 'string' | number | 'true' | 'false'         ('' is a quote inside a string)
 * number    := -?digits('.'digits)?([eE][+-]?digits)?       (int64 without '.' or exponent)
 * </pre>
 *
 * <p>Keywords are case-insensitive; attribute names are case-sensitive. {@code =} is {@link
 * Filter.In} with one value, {@code !=} is {@link Filter.NotIn} with one value. {@code TRUE} and
 * {@code FALSE} are the string forms of {@link Filter#ALL} and {@link Filter#NONE}.
 */
public final class FilterParser {
  /** The deepest nesting of parentheses and NOTs accepted. */
  public static final int MAX_DEPTH = 100;

  private static final String OPERATORS = "=, !=, <, <=, >, >=, IN, NOT IN, ALL, BETWEEN";

  private enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    LPAREN,
    RPAREN,
    COMMA,
    OP,
    END
  }

  /** A token: its kind, source text, start offset and value (name, string or Literal). */
  private record Token(Kind kind, String text, int start, Object value) {
    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isKeyword() {
      return kind == Kind.IDENT && FilterFormat.isKeyword(text);
    }

    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }
  }

  private final String text;
  private int pos;
  private Token tok;
  private Token prev;
  private int depth;
  private int parens;

  private FilterParser(String text) {
    this.text = text;
  }

  /**
   * Parses a filter string.
   *
   * @throws FilterSyntaxException naming the position of the first problem; also for a blank string
   *     (callers treat a missing or blank filter as no filter before parsing)
   */
  public static Filter parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new FilterSyntaxException(
          0, "the filter is empty; leave it out to match every item, or write a condition");
    }
    return new FilterParser(text).filter();
  }

  private Filter filter() {
    advance();
    Filter f = or();
    if (tok.kind != Kind.END) {
      if (tok.kind == Kind.RPAREN) {
        throw error(tok.start, "unbalanced parenthesis: ')' without a matching '('");
      }
      throw error(tok.start, "expected AND, OR or the end of the filter but found " + found());
    }
    return f;
  }

  private Filter or() {
    List<Filter> children = new ArrayList<>();
    children.add(and());
    while (tok.isKeyword("OR")) {
      advance();
      children.add(and());
    }
    return Filter.or(children);
  }

  private Filter and() {
    List<Filter> children = new ArrayList<>();
    children.add(unary());
    while (tok.isKeyword("AND")) {
      advance();
      children.add(unary());
    }
    return Filter.and(children);
  }

  private Filter unary() {
    if (tok.isKeyword("NOT")) {
      enter();
      advance();
      Filter child = unary();
      depth--;
      return new Filter.Not(child);
    }
    return primary();
  }

  private Filter primary() {
    Token t = tok;
    switch (t.kind) {
      case LPAREN:
        {
          enter();
          parens++;
          advance();
          Filter f = or();
          if (tok.kind != Kind.RPAREN) {
            throw error(
                tok.start,
                tok.kind == Kind.END
                    ? "unbalanced parenthesis: missing ')' to close the '(' at position " + t.start
                    : "expected AND, OR or ')' to close the '(' at position "
                        + t.start
                        + " but found "
                        + found());
          }
          advance();
          parens--;
          depth--;
          return f;
        }
      case IDENT:
      case QUOTED_IDENT:
        if (t.isKeyword("EXISTS")) {
          return exists();
        }
        if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
          advance();
          return t.isKeyword("TRUE") ? Filter.ALL : Filter.NONE;
        }
        if (t.isKeyword()) {
          throw error(
              t.start,
              "expected a condition"
                  + after()
                  + " but found "
                  + found()
                  + "; an attribute named like a keyword is written in double quotes: \""
                  + t.text
                  + "\"");
        }
        advance();
        return predicate((String) t.value, t);
      case NUMBER:
        return chainedRange();
      case RPAREN:
        if (parens == 0) {
          throw error(t.start, "unbalanced parenthesis: ')' without a matching '('");
        }
        throw error(t.start, "expected a condition" + after() + " but found " + found());
      default:
        throw error(t.start, "expected a condition" + after() + " but found " + found());
    }
  }

  private Filter exists() {
    advance();
    expect(Kind.LPAREN, "'(' after 'EXISTS'");
    String attr = attribute("'EXISTS('");
    expect(Kind.RPAREN, "')' after 'EXISTS(" + FilterFormat.attribute(attr) + "'");
    return new Filter.Exists(attr);
  }

  private Filter predicate(String attr, Token attrToken) {
    Token op = tok;
    if (op.kind == Kind.OP) {
      advance();
      switch (op.text) {
        case "=":
          return new Filter.In(attr, List.of(value("'='")));
        case "!=":
          return new Filter.NotIn(attr, List.of(value("'!='")));
        case "<":
          return Filter.Range.atMost(attr, number("'<'"), false);
        case "<=":
          return Filter.Range.atMost(attr, number("'<='"), true);
        case ">":
          return Filter.Range.atLeast(attr, number("'>'"), false);
        case ">=":
          return Filter.Range.atLeast(attr, number("'>='"), true);
        default:
          throw error(
              op.start,
              "unknown operator '"
                  + op.text
                  + "'; valid operators: "
                  + OPERATORS
                  + (op.text.equals("==") ? " (equality is '=')" : ""));
      }
    }
    if (op.isKeyword("IN")) {
      return new Filter.In(attr, list("IN"));
    }
    if (op.isKeyword("ALL")) {
      return new Filter.AllOf(attr, list("ALL"));
    }
    if (op.isKeyword("NOT")) {
      advance();
      if (!tok.isKeyword("IN")) {
        throw error(tok.start, "expected 'IN' after 'NOT' but found " + found());
      }
      return new Filter.NotIn(attr, list("NOT IN"));
    }
    if (op.isKeyword("BETWEEN")) {
      advance();
      Literal lo = number("'BETWEEN'");
      if (!tok.isKeyword("AND")) {
        throw error(tok.start, "expected 'AND' after 'BETWEEN " + lo + "' but found " + found());
      }
      advance();
      Literal hi = number("'AND'");
      return Filter.Range.between(attr, lo, hi);
    }
    if (op.kind == Kind.IDENT && !op.isKeyword()) {
      throw error(op.start, "unknown operator '" + op.text + "'; valid operators: " + OPERATORS);
    }
    throw error(
        op.start, "expected an operator after '" + attrToken.text + "' but found " + found());
  }

  /** {@code lo <[=] attr <[=] hi}. */
  private Filter chainedRange() {
    Literal lo = (Literal) tok.value;
    advance();
    if (!tok.isOp("<") && !tok.isOp("<=")) {
      throw error(
          tok.start,
          "expected '<' or '<=' after "
              + lo
              + " (a condition starts with a number only in a range such as 1 < x <= 5)"
              + " but found "
              + found());
    }
    boolean loInclusive = tok.text.equals("<=");
    advance();
    String attr = attribute("'" + prev.text + "'");
    if (!tok.isOp("<") && !tok.isOp("<=")) {
      throw error(
          tok.start,
          "expected '<' or '<=' after '"
              + lo
              + (loInclusive ? " <= " : " < ")
              + FilterFormat.attribute(attr)
              + "' but found "
              + found());
    }
    boolean hiInclusive = tok.text.equals("<=");
    advance();
    Literal hi = number("'" + prev.text + "'");
    return new Filter.Range(attr, lo, loInclusive, hi, hiInclusive);
  }

  /** {@code '(' value (',' value)* ')'} after the operator keyword (the current token). */
  private List<Literal> list(String operator) {
    advance();
    expect(Kind.LPAREN, "'(' after '" + operator + "'");
    if (tok.kind == Kind.RPAREN) {
      throw error(tok.start, operator + " needs at least one value");
    }
    List<Literal> values = new ArrayList<>();
    values.add(value("'" + operator + " ('"));
    while (true) {
      if (tok.kind == Kind.COMMA) {
        advance();
        values.add(value("','"));
      } else if (tok.kind == Kind.RPAREN) {
        advance();
        return values;
      } else {
        throw error(
            tok.start,
            tok.kind == Kind.END
                ? "unbalanced parenthesis: missing ')' to close the " + operator + " list"
                : "expected ',' or ')' in the " + operator + " list but found " + found());
      }
    }
  }

  private Literal value(String after) {
    Token t = tok;
    if (t.kind == Kind.STRING) {
      advance();
      return new Literal.Str((String) t.value);
    }
    if (t.kind == Kind.NUMBER) {
      advance();
      return (Literal) t.value;
    }
    if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
      advance();
      return new Literal.Bool(t.isKeyword("TRUE"));
    }
    String hint = "";
    if (t.kind == Kind.IDENT || t.kind == Kind.QUOTED_IDENT) {
      hint = "; strings are written in single quotes: '" + t.value + "'";
    }
    throw error(t.start, "expected a value after " + after + " but found " + found() + hint);
  }

  private Literal number(String after) {
    Token t = tok;
    if (t.kind != Kind.NUMBER) {
      throw error(t.start, "expected a number after " + after + " but found " + found());
    }
    advance();
    return (Literal) t.value;
  }

  private String attribute(String after) {
    Token t = tok;
    if (t.kind == Kind.QUOTED_IDENT || (t.kind == Kind.IDENT && !t.isKeyword())) {
      advance();
      return (String) t.value;
    }
    String hint =
        t.kind == Kind.IDENT
            ? "; an attribute named like a keyword is written in double quotes: \"" + t.text + "\""
            : "";
    throw error(
        t.start, "expected an attribute name after " + after + " but found " + found() + hint);
  }

  private void expect(Kind kind, String what) {
    if (tok.kind != kind) {
      throw error(tok.start, "expected " + what + " but found " + found());
    }
    advance();
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(
          tok.start,
          "the filter nests too deeply (more than " + MAX_DEPTH + " parentheses and NOTs)");
    }
  }

  /** {@code " after 'AND'"} naming the previous token, or "" at the start. */
  private String after() {
    return prev == null ? "" : " after '" + prev.text + "'";
  }

  private String found() {
    Token t = tok;
    switch (t.kind) {
      case END:
        return "end of filter";
      case STRING:
        return "string " + abbreviate(t.text);
      case NUMBER:
        return "number " + t.text;
      default:
        return "'" + abbreviate(t.text) + "'";
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private static FilterSyntaxException error(int position, String reason) {
    return new FilterSyntaxException(position, reason);
  }

  // ---------------------------------------------------------------------------------- lexer

  private void advance() {
    prev = tok;
    tok = lex();
  }

  private Token lex() {
    int n = text.length();
    while (pos < n && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= n) {
      return new Token(Kind.END, "", n, null);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(':
        pos++;
        return new Token(Kind.LPAREN, "(", start, null);
      case ')':
        pos++;
        return new Token(Kind.RPAREN, ")", start, null);
      case ',':
        pos++;
        return new Token(Kind.COMMA, ",", start, null);
      case '\'':
        return string(start);
      case '"':
        return quotedIdentifier(start);
      case '=':
      case '!':
      case '<':
      case '>':
        while (pos < n && "=!<>".indexOf(text.charAt(pos)) >= 0) {
          pos++;
        }
        return new Token(Kind.OP, text.substring(start, pos), start, null);
      default:
        break;
    }
    if (isIdentStart(c)) {
      while (pos < n && isIdentPart(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      return new Token(Kind.IDENT, word, start, word);
    }
    if (isDigit(c) || (c == '-' && pos + 1 < n && isDigit(text.charAt(pos + 1)))) {
      return number(start);
    }
    if ((c == '&' || c == '|') && pos + 1 < n && text.charAt(pos + 1) == c) {
      throw error(start, "unexpected '" + c + c + "'; use " + (c == '&' ? "AND" : "OR"));
    }
    int cp = text.codePointAt(pos);
    throw error(start, "unexpected character '" + new String(Character.toChars(cp)) + "'");
  }

  private Token string(int start) {
    StringBuilder sb = new StringBuilder();
    int n = text.length();
    pos++;
    while (true) {
      if (pos >= n) {
        throw error(
            start, "unterminated string: it needs a closing ' (a quote inside is written '')");
      }
      char c = text.charAt(pos++);
      if (c == '\'') {
        if (pos < n && text.charAt(pos) == '\'') {
          sb.append('\'');
          pos++;
        } else {
          return new Token(Kind.STRING, text.substring(start, pos), start, sb.toString());
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Token quotedIdentifier(int start) {
    int close = text.indexOf('"', start + 1);
    if (close < 0) {
      throw error(start, "unterminated quoted attribute name: it needs a closing \"");
    }
    String name = text.substring(start + 1, close);
    if (!FilterFormat.IDENTIFIER.matcher(name).matches()) {
      throw error(
          start,
          "invalid attribute name \""
              + abbreviate(name)
              + "\": use a letter or underscore, then letters, digits or underscores"
              + " (strings are written in single quotes)");
    }
    pos = close + 1;
    return new Token(Kind.QUOTED_IDENT, text.substring(start, pos), start, name);
  }

  private Token number(int start) {
    int n = text.length();
    if (text.charAt(pos) == '-') {
      pos++;
    }
    boolean integer = true;
    skipDigits();
    if (pos < n && text.charAt(pos) == '.' && pos + 1 < n && isDigit(text.charAt(pos + 1))) {
      integer = false;
      pos++;
      skipDigits();
    }
    if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < n && isDigit(text.charAt(pos))) {
        integer = false;
        skipDigits();
      } else {
        pos = mark; // reported below as an invalid number
      }
    }
    if (pos < n && (isIdentPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
      while (pos < n && (isIdentPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      throw error(start, "invalid number '" + abbreviate(text.substring(start, pos)) + "'");
    }
    String s = text.substring(start, pos);
    Literal value;
    if (integer) {
      try {
        value = new Literal.Int(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw error(
            start,
            "integer "
                + abbreviate(s)
                + " is out of the 64-bit range (write it as a decimal such as "
                + abbreviate(s)
                + ".0 to compare it as a float)");
      }
    } else {
      double d = Double.parseDouble(s);
      if (Double.isInfinite(d)) {
        throw error(start, "number " + abbreviate(s) + " is out of range");
      }
      value = new Literal.Float(d);
    }
    return new Token(Kind.NUMBER, s, start, value);
  }

  private void skipDigits() {
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }
}
