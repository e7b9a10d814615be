package dev.linr.serving;

/** A model, version or workflow that is not registered. HTTP 404. */
public class ModelNotFoundException extends ServingException {
  public ModelNotFoundException(String message) {
    super(message);
  }

  public ModelNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 404;
  }
}
