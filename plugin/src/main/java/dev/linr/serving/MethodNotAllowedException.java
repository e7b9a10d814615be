package dev.linr.serving;

/** A path that exists, called with a method it does not answer. HTTP 405. */
public class MethodNotAllowedException extends ServingException {
  public MethodNotAllowedException(String message) {
    super(message);
  }

  public MethodNotAllowedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 405;
  }
}
