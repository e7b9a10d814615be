package dev.linr.serving.updates;

import java.util.Map;
import java.util.Optional;

/**
 * A served index's maximum item age, read from its translator arguments (the model's {@code
 * serving.properties}, or the load spec: {@code maxAgeAttribute} names a single-valued int
 * attribute holding epoch seconds, {@code maxAgeSeconds} the age): an item upserted with that
 * attribute stops matching queries that many seconds after it (or at its {@code expires_at}, if
 * earlier), and its slot is freed by the next expiry sweep. Immutable.
 *
 * @param attribute the timestamp attribute
 * @param seconds the age, at least 0
 */
public record MaxAge(String attribute, long seconds) {
  public static final String ATTRIBUTE_KEY = "maxAgeAttribute";
  public static final String SECONDS_KEY = "maxAgeSeconds";

  /**
   * The maximum age the arguments set, or empty when they set none.
   *
   * @throws IllegalArgumentException naming the key: one key without the other, an empty attribute,
   *     or an age that is not a non-negative integer
   */
  public static Optional<MaxAge> fromArguments(Map<String, String> arguments) {
    String attribute = arguments.get(ATTRIBUTE_KEY);
    String seconds = arguments.get(SECONDS_KEY);
    if (attribute == null && seconds == null) {
      return Optional.empty();
    }
    if (attribute == null || attribute.isBlank()) {
      throw new IllegalArgumentException(
          ATTRIBUTE_KEY + " must name the timestamp attribute when " + SECONDS_KEY + " is set");
    }
    if (seconds == null) {
      throw new IllegalArgumentException(
          SECONDS_KEY + " must be set when " + ATTRIBUTE_KEY + " is set");
    }
    long age;
    try {
      age = Long.parseLong(seconds.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SECONDS_KEY + " must be an integer number of seconds, got: " + seconds, e);
    }
    if (age < 0) {
      throw new IllegalArgumentException(SECONDS_KEY + " must be >= 0, got: " + seconds);
    }
    return Optional.of(new MaxAge(attribute.trim(), age));
  }
}
