package dev.linr.serving.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.IdType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How change records read: upserts, tombstones, and refusals naming what is wrong. */
class ChangeRecordTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String refusal(byte[] key, byte[] value, IdType type) {
    return assertInstanceOf(ChangeRecord.Refused.class, ChangeRecord.read(key, value, type))
        .reason();
  }

  @Test
  void aValueUpsertsTheItemOfTheKey() {
    String line = "{\"id\": 42, \"vector\": [1, 2]}";
    assertEquals(
        new ChangeRecord.Upsert(42L, line), ChangeRecord.read(utf8("42"), utf8(line), IdType.INT));
    String s = "{\"id\": \"pöst-7\", \"vector\": [1]}";
    assertEquals(
        new ChangeRecord.Upsert("pöst-7", s),
        ChangeRecord.read(utf8("pöst-7"), utf8(s), IdType.STRING));
  }

  @Test
  void aTombstoneDeletesTheIdOfTheKey() {
    assertEquals(new ChangeRecord.Delete(-3L), ChangeRecord.read(utf8("-3"), null, IdType.INT));
    assertEquals(
        new ChangeRecord.Delete("a b"), ChangeRecord.read(utf8("a b"), null, IdType.STRING));
  }

  @Test
  void aValueWhoseIdDisagreesWithTheKeyIsRefused() {
    String reason = refusal(utf8("43"), utf8("{\"id\": 42}"), IdType.INT);
    assertTrue(reason.contains("disagrees with the record key '43'"), reason);
    reason = refusal(utf8("42"), utf8("{\"id\": \"42\"}"), IdType.INT);
    assertTrue(reason.contains("disagrees"), reason);
    reason = refusal(utf8("x"), utf8("{\"id\": \"y\"}"), IdType.STRING);
    assertTrue(reason.contains("disagrees"), reason);
  }

  @Test
  void aKeyThatIsNoIdIsRefused() {
    assertTrue(refusal(null, null, IdType.INT).contains("no key"));
    assertTrue(refusal(utf8("4x"), null, IdType.INT).contains("'4x' is not a decimal integer id"));
    assertTrue(refusal(new byte[] {(byte) 0xff}, null, IdType.STRING).contains("not UTF-8"));
  }

  @Test
  void aValueThatIsNoJsonItemIsRefused() {
    assertTrue(refusal(utf8("1"), utf8("{\"id\": 1, "), IdType.INT).contains("not JSON"));
    assertTrue(refusal(utf8("1"), utf8("[1]"), IdType.INT).contains("JSON item with an id"));
    assertTrue(refusal(utf8("1"), utf8("{\"vector\": []}"), IdType.INT).contains("with an id"));
  }
}
