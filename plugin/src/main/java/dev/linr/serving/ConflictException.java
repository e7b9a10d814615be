package dev.linr.serving;

/** A registration under a name and version that are already taken. HTTP 409. */
public class ConflictException extends ServingException {
  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 409;
  }
}
