package dev.linr.serving.http;

import ai.djl.ModelException;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import dev.linr.query.RequestParseException;
import dev.linr.serving.ServingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an HTTP error: {@code {"code", "type", "message"}} JSON,
 * {@code type} being the exception's simple class name as in DJL Serving.
 *
 * <ul>
 *   <li>{@link ServingException}: its {@link ServingException#status()}
 *   <li>DJL's {@code ModelNotFoundException}: 404
 *   <li>{@link TranslateException}, other {@link ModelException}s (a malformed model) and {@link
 *       IllegalArgumentException}: 400; a translate failure caused by a {@link
 *       RequestParseException} carries that cause's message, which names the field
 *   <li>{@link OutOfMemoryError}: 507
 *   <li>anything else: 500 with a generic message; the detail goes to the log with the request id
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** The error reply for a failure of the request {@code requestId}. */
  static HttpReply reply(Throwable failure, String requestId) {
    Throwable t = unwrap(failure);
    String type = t.getClass().getSimpleName();
    String message = t.getMessage();
    int status;
    if (t instanceof ServingException se) {
      status = se.status();
    } else if (t instanceof ai.djl.repository.zoo.ModelNotFoundException) {
      status = 404;
    } else if (t instanceof TranslateException) {
      status = 400;
      RequestParseException cause = parseCause(t);
      if (cause != null) {
        message = cause.getMessage();
      }
    } else if (t instanceof ModelException || t instanceof IllegalArgumentException) {
      status = 400;
    } else if (t instanceof OutOfMemoryError) {
      status = 507;
      LOG.error("request {} ran out of memory", requestId, t);
      if (message == null) {
        message = "Out of memory";
      }
    } else {
      status = 500;
      LOG.error("request {} failed", requestId, t);
      type = "InternalServerException";
      message =
          "Internal server error; the server log has the details under request id " + requestId;
    }
    if (status < 500) {
      LOG.debug("request {}: {} {}: {}", requestId, status, type, message);
    }
    JsonObject o = new JsonObject();
    o.addProperty("code", status);
    o.addProperty("type", type);
    o.addProperty("message", message == null ? type : message);
    return HttpReply.json(status, o);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static RequestParseException parseCause(Throwable t) {
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof RequestParseException rpe) {
        return rpe;
      }
    }
    return null;
  }
}
