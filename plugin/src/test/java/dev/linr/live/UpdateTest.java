package dev.linr.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateTest {
  private static Update roundTrip(Update u) throws CorruptLogException {
    return Update.decode(new LogRecord(1, u.encode()));
  }

  @Test
  void upsertDeleteAndExpireRecordsDecodeToWhatWasEncoded() throws CorruptLogException {
    Update upsert =
        new Update.Upsert(List.of("{\"id\": 1, \"vector\": [1]}", "{\"id\": \"é\"}", ""));
    Update delete = new Update.Delete(List.of(7L, "post-ü", -3L));
    Update expire = new Update.Expire(1_800_000_000L);
    assertEquals(upsert, roundTrip(upsert));
    assertEquals(delete, roundTrip(delete));
    assertEquals(expire, roundTrip(expire));
  }

  @Test
  void sourcePositionsDecodeWithTheirBatch() throws CorruptLogException {
    Update upsert =
        new Update.Upsert(List.of("{\"id\": 1}"), Map.of("items-0", 17L, "items-ü-1", 0L));
    Update delete = new Update.Delete(List.of(7L), Map.of("items-0", 18L));
    Update empty = new Update.Upsert(List.of(), Map.of("items-0", 19L));
    assertEquals(upsert, roundTrip(upsert));
    assertEquals(delete, roundTrip(delete));
    assertEquals(empty, roundTrip(empty));
  }

  @Test
  void aRecordWithoutPositionsIsTheFormatBeforePositions() throws Exception {
    // An upsert of one line as written before positions existed: type, count, length, bytes.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(1);
      out.writeInt(2);
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    Update old = Update.decode(new LogRecord(4, bytes.toByteArray()));
    assertEquals(new Update.Upsert(List.of("{}"), Map.of()), old);
    assertArrayEquals(bytes.toByteArray(), new Update.Upsert(List.of("{}")).encode());
  }

  @Test
  void aNegativeStoredOffsetIsRefused() {
    byte[] good = new Update.Delete(List.of(7L), Map.of("s", 5L)).encode();
    byte[] bad = Arrays.copyOf(good, good.length);
    bad[bad.length - 8] = (byte) 0x80; // the offset's sign bit
    assertThrows(CorruptLogException.class, () -> Update.decode(new LogRecord(5, bad)));
  }

  @Test
  void aTruncatedOrUnknownPayloadIsRefusedWithItsSequence() {
    byte[] good = new Update.Delete(List.of(7L, "x")).encode();
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    CorruptLogException e =
        assertThrows(CorruptLogException.class, () -> Update.decode(new LogRecord(12, cut)));
    assertTrue(e.getMessage().contains("log record 12"), e.getMessage());
    assertThrows(CorruptLogException.class, () -> Update.decode(new LogRecord(3, new byte[] {9})));
  }
}
