package dev.linr.serving;

/** A request that is malformed or names an invalid parameter. HTTP 400. */
public class BadRequestException extends ServingException {
  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 400;
  }
}
