package dev.linr.filter;

import dev.linr.query.RequestParseException;

/**
 * A filter that parses but does not fit the index schema: an unknown attribute, a literal of the
 * wrong type, a range on a string or bool attribute. {@link #field()} is {@code filter}; the
 * message starts with {@code filter: }.
 */
public class FilterTypeException extends RequestParseException {
  private static final long serialVersionUID = 1L;

  private final String attribute;

  public FilterTypeException(String attribute, String message) {
    super("filter", "filter: " + message);
    this.attribute = attribute;
  }

  /** The attribute the problem is about. */
  public String attribute() {
    return attribute;
  }
}
