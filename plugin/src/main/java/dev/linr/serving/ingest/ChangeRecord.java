package dev.linr.serving.ingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.linr.schema.IdType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record of a change stream, read: an upsert (the value is one item in the build's JSON item
 * format, whose {@code id} equals the key), a delete (a null value, a tombstone), or a record
 * refused with the reason. The key is the item id as UTF-8 text: decimal for an index of integer
 * ids. Stateless.
 */
sealed interface ChangeRecord {
  /** Upserts {@code line}, the item with id {@code id}. */
  record Upsert(Object id, String line) implements ChangeRecord {}

  /** Deletes {@code id}. */
  record Delete(Object id) implements ChangeRecord {}

  /** A record that cannot be applied, and why. */
  record Refused(String reason) implements ChangeRecord {}

  /**
   * Reads a record.
   *
   * @param key the record key (may be null)
   * @param value the record value, null for a delete
   * @param idType the index's id type
   */
  static ChangeRecord read(byte[] key, byte[] value, IdType idType) {
    if (key == null) {
      return new Refused("the record has no key (the item id)");
    }
    String keyText;
    try {
      keyText = utf8(key);
    } catch (CharacterCodingException e) {
      return new Refused("the record key is not UTF-8 text");
    }
    Object id;
    if (idType == IdType.INT) {
      try {
        id = Long.parseLong(keyText);
      } catch (NumberFormatException e) {
        return new Refused(
            "the record key '" + keyText + "' is not a decimal integer id (the index has int ids)");
      }
    } else {
      id = keyText;
    }
    if (value == null) {
      return new Delete(id);
    }
    String line;
    try {
      line = utf8(value);
    } catch (CharacterCodingException e) {
      return new Refused("the record value is not UTF-8 text");
    }
    JsonElement item;
    try {
      item = JsonParser.parseString(line);
    } catch (JsonParseException e) {
      return new Refused("the record value is not JSON: " + e.getMessage());
    }
    JsonElement itemId = item.isJsonObject() ? ((JsonObject) item).get("id") : null;
    if (itemId == null || !itemId.isJsonPrimitive()) {
      return new Refused("the record value is not a JSON item with an id");
    }
    if (!sameId((JsonPrimitive) itemId, id)) {
      return new Refused(
          "the item's id " + itemId + " disagrees with the record key '" + keyText + "'");
    }
    return new Upsert(id, line);
  }

  private static boolean sameId(JsonPrimitive itemId, Object key) {
    if (key instanceof Long n) {
      if (!itemId.isNumber()) {
        return false;
      }
      try {
        return new BigDecimal(itemId.getAsString()).compareTo(BigDecimal.valueOf(n)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return itemId.isString() && itemId.getAsString().equals(key);
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
