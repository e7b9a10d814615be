package dev.linr.serving.http;

import dev.linr.serving.ServingException;

/** A request body over {@code max_request_size}. HTTP 413. */
public class PayloadTooLargeException extends ServingException {
  public PayloadTooLargeException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 413;
  }
}
