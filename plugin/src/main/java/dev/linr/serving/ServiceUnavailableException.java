package dev.linr.serving;

/** A full job queue, or a model that is not ready. HTTP 503. */
public class ServiceUnavailableException extends ServingException {
  public ServiceUnavailableException(String message) {
    super(message);
  }

  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 503;
  }
}
