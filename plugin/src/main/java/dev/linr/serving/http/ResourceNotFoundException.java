package dev.linr.serving.http;

import dev.linr.serving.ServingException;

/** A path that no route serves. HTTP 404. */
public class ResourceNotFoundException extends ServingException {
  public ResourceNotFoundException() {
    super("Requested resource is not found, please refer to API document.");
  }

  @Override
  public int status() {
    return 404;
  }
}
