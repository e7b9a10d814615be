package dev.linr.query;

import java.util.Objects;

/**
 * A request body that cannot be turned into search requests. {@link #getMessage()} is meant for the
 * client (it names the field and says what is valid); {@link #field()} is the JSON path of the
 * offending value, such as {@code queries[2].vector[5]} or {@code k}, or the empty string when the
 * body as a whole is at fault (not JSON, not an object).
 */
public class RequestParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public RequestParseException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  public RequestParseException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The JSON path of the offending value ({@code queries[1].vector[3]}); empty for the body. */
  public String field() {
    return field;
  }
}
