package dev.linr.serving.http;

/** Told of every request answered. Called from I/O and worker threads: must be thread-safe. */
@FunctionalInterface
interface RequestLog {
  /**
   * @param model the model or workflow an inference request addressed, else {@code ""}
   * @param status the status sent
   * @param nanos from the request's arrival to the response handed to the connection
   */
  void finished(String model, int status, long nanos);
}
