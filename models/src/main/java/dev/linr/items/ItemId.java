package dev.linr.items;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.linr.schema.IdType;
import java.util.Objects;

/**
 * An item id: a 64-bit integer or a non-empty string. All ids of one input are of one kind. {@link
 * #toString()} is the bare value ({@code 42}, {@code post-7}).
 */
public sealed interface ItemId permits ItemId.Num, ItemId.Str {

  /** The kind of this id. */
  IdType type();

  /** The id as a JSON number or string. */
  JsonPrimitive toJson();

  /** An integer id. */
  static ItemId of(long value) {
    return new Num(value);
  }

  /** A string id; must not be empty. */
  static ItemId of(String value) {
    return new Str(value);
  }

  /**
   * Parses the text form of an id of the given kind.
   *
   * @throws IllegalArgumentException if the text is empty or, for {@link IdType#INT}, not a 64-bit
   *     integer
   */
  static ItemId parse(String text, IdType type) {
    Objects.requireNonNull(text, "text");
    if (type == IdType.STRING) {
      return new Str(text);
    }
    try {
      return new Num(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("id '" + text + "' is not a 64-bit integer", e);
    }
  }

  /**
   * The id a JSON value denotes: an integer number (no fraction or exponent) or a non-empty string.
   *
   * @throws IllegalArgumentException for anything else
   */
  static ItemId fromJson(JsonElement json) {
    if (json != null && json.isJsonPrimitive()) {
      JsonPrimitive p = json.getAsJsonPrimitive();
      if (p.isString()) {
        return new Str(p.getAsString());
      }
      if (p.isNumber() && JsonNumbers.isIntegerLiteral(p.getAsString())) {
        try {
          return new Num(Long.parseLong(p.getAsString()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("id " + p + " is outside the 64-bit range", e);
        }
      }
    }
    throw new IllegalArgumentException("an id must be an integer or a string, got: " + json);
  }

  /** An integer id. */
  record Num(long value) implements ItemId {
    @Override
    public IdType type() {
      return IdType.INT;
    }

    @Override
    public JsonPrimitive toJson() {
      return new JsonPrimitive(value);
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A string id (never empty). */
  record Str(String value) implements ItemId {
    public Str {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("a string id must not be empty");
      }
    }

    @Override
    public IdType type() {
      return IdType.STRING;
    }

    @Override
    public JsonPrimitive toJson() {
      return new JsonPrimitive(value);
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
