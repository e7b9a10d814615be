package dev.linr.serving.http;

import dev.linr.serving.BadRequestException;
import dev.linr.serving.config.ConfigValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * The query parameters of one request, read strictly: the first value of a name counts, an empty
 * value counts as absent, and a bad value is a {@link BadRequestException} naming the parameter.
 */
final class QueryParams {
  private final QueryStringDecoder decoder;

  QueryParams(QueryStringDecoder decoder) {
    this.decoder = decoder;
  }

  QueryStringDecoder decoder() {
    return decoder;
  }

  /** The value, or null when absent or empty. */
  String opt(String name) {
    List<String> values = decoder.parameters().get(name);
    if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
      return null;
    }
    return values.get(0);
  }

  /**
   * @throws BadRequestException {@code Parameter <name> is required.}
   */
  String required(String name) {
    String value = opt(name);
    if (value == null) {
      throw new BadRequestException("Parameter " + name + " is required.");
    }
    return value;
  }

  /**
   * An integer of at least {@code min}, or null when absent.
   *
   * @throws BadRequestException {@code Parameter <name> must be an integer, got: <value>}
   */
  Integer optInt(String name, int min) {
    String value = opt(name);
    if (value == null) {
      return null;
    }
    try {
      return ConfigValues.intAtLeast("Parameter " + name, value, min);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
  }

  /**
   * {@code true} or {@code false}, or {@code fallback} when absent.
   *
   * @throws BadRequestException {@code Parameter <name> must be true or false, got: <value>}
   */
  boolean optBool(String name, boolean fallback) {
    String value = opt(name);
    if (value == null) {
      return fallback;
    }
    try {
      return ConfigValues.bool("Parameter " + name, value);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
  }
}
