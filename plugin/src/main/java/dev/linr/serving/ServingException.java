package dev.linr.serving;

/**
 * A failure with an HTTP status. The server writes every error as {@code {"code", "type",
 * "message"}} in one place; {@code type} is the exception's simple class name, as in DJL Serving.
 */
public abstract class ServingException extends RuntimeException {
  protected ServingException(String message) {
    super(message);
  }

  protected ServingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status this failure maps to. */
  public abstract int status();
}
