package dev.linr.serving.workflow;

import dev.linr.serving.BadRequestException;

/** The one wording of a workflow problem: file, field, then what is wrong and what is valid. */
final class InvalidWorkflow {
  private InvalidWorkflow() {}

  static BadRequestException at(String url, String field, String problem) {
    return new BadRequestException("Invalid workflow " + url + ": " + field + " " + problem);
  }

  static BadRequestException at(String url, String field, String problem, Throwable cause) {
    return new BadRequestException("Invalid workflow " + url + ": " + field + " " + problem, cause);
  }
}
