package dev.linr.serving.http;

/**
 * Told of every answer, once each: by the request handler for the requests it routes, and by the
 * body aggregator for the 413s it writes itself. An answer dropped because the client is gone
 * counts too. Called from I/O and worker threads: must be thread-safe.
 */
@FunctionalInterface
interface RequestLog {
  /**
   * @param model the model or workflow an inference request addressed, else {@code ""}
   * @param status the status sent
   * @param nanos from the request's arrival to the response handed to the connection
   */
  void finished(String model, int status, long nanos);
}
