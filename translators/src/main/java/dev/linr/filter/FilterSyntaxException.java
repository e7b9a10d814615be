package dev.linr.filter;

import dev.linr.query.RequestParseException;

/**
 * A filter string that does not parse. The message reads {@code filter: syntax error at position
 * 12: expected a value after 'IN (' but found ')'}; {@link #field()} is {@code filter}.
 */
public class FilterSyntaxException extends RequestParseException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String reason;

  public FilterSyntaxException(int position, String reason) {
    super("filter", "filter: syntax error at position " + position + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  /** The 0-based character offset in the filter string where the problem is. */
  public int position() {
    return position;
  }

  /** The message without the {@code filter: syntax error at position N: } prefix. */
  public String reason() {
    return reason;
  }
}
