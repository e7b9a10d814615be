package dev.linr.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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
  void aTruncatedOrUnknownPayloadIsRefusedWithItsSequence() {
    byte[] good = new Update.Delete(List.of(7L, "x")).encode();
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    CorruptLogException e =
        assertThrows(CorruptLogException.class, () -> Update.decode(new LogRecord(12, cut)));
    assertTrue(e.getMessage().contains("log record 12"), e.getMessage());
    assertThrows(CorruptLogException.class, () -> Update.decode(new LogRecord(3, new byte[] {9})));
  }
}
