package dev.linr.cli;

import com.google.gson.JsonObject;
import dev.linr.query.RequestParseException;
import picocli.CommandLine;

/**
 * The one place the command line reports failures: user errors as one line of error JSON on stderr
 * ({@code {"code": 400, "type": ..., "message": ...}}) and exit code 2; anything else with its
 * stack trace and exit code 1.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  static final int USER_ERROR = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    if (e instanceof IllegalArgumentException
        || e instanceof java.io.FileNotFoundException
        || e instanceof java.nio.file.NoSuchFileException) {
      cli.getErr().println(errorJson(e));
      cli.getErr().flush();
      return USER_ERROR;
    }
    e.printStackTrace(cli.getErr());
    return FAILURE;
  }

  static String errorJson(Exception e) {
    JsonObject o = new JsonObject();
    o.addProperty("code", 400);
    o.addProperty("type", e.getClass().getSimpleName());
    String message = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      message = "no such file: " + message;
    }
    o.addProperty("message", message);
    if (e instanceof RequestParseException rpe && rpe.field() != null) {
      o.addProperty("field", rpe.field());
    }
    return o.toString();
  }
}
