package dev.linr.serving.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which records share an update batch, and the positions a batch advances. */
class ChangeBatchTest {
  private static final ChangeRecord UPSERT_1 = new ChangeRecord.Upsert(1L, "{\"id\": 1}");
  private static final ChangeRecord UPSERT_2 = new ChangeRecord.Upsert(2L, "{\"id\": 2}");
  private static final ChangeRecord DELETE_3 = new ChangeRecord.Delete(3L);
  private static final ChangeRecord REFUSED = new ChangeRecord.Refused("bad");

  @Test
  void aRecordOfTheOtherKindStartsTheNextBatch() {
    ChangeBatch b = new ChangeBatch(10);
    b.add(UPSERT_1, "t-0", 1);
    assertTrue(b.accepts(UPSERT_2));
    assertFalse(b.accepts(DELETE_3));
  }

  @Test
  void anIdAlreadyInTheBatchStartsTheNextBatch() {
    ChangeBatch b = new ChangeBatch(10);
    b.add(new ChangeRecord.Delete(1L), "t-0", 1);
    assertFalse(b.accepts(new ChangeRecord.Delete(1L)));
    assertTrue(b.accepts(DELETE_3));
  }

  @Test
  void upsertsStopAtTheFreeSlots() {
    ChangeBatch b = new ChangeBatch(1);
    b.add(UPSERT_1, "t-0", 1);
    assertFalse(b.accepts(UPSERT_2));
    ChangeBatch full = new ChangeBatch(0);
    assertTrue(full.accepts(UPSERT_1), "a full index still takes one upsert, to refuse it");
  }

  @Test
  void aRefusedRecordJoinsAnyBatchAndAdvancesItsPosition() {
    ChangeBatch b = new ChangeBatch(10);
    b.add(DELETE_3, "t-0", 5);
    assertTrue(b.accepts(REFUSED));
    b.add(REFUSED, "t-0", 6);
    b.add(REFUSED, "t-1", 3);
    assertEquals(List.of(3L), b.ids());
    assertEquals(Map.of("t-0", 6L, "t-1", 3L), b.positions());
    assertEquals(
        List.of(new ChangeBatch.Origin("t-0", 5), new ChangeBatch.Origin("t-1", 2)),
        b.refusals().stream().map(ChangeBatch.Refusal::origin).toList());
    assertTrue(b.deletes());
  }

  @Test
  void aBatchOfRefusedRecordsOnlyIsAnEmptyUpsert() {
    ChangeBatch b = new ChangeBatch(10);
    assertTrue(b.isEmpty());
    b.add(REFUSED, "t-0", 1);
    assertFalse(b.isEmpty());
    assertFalse(b.deletes());
    assertEquals(List.of(), b.lines());
  }
}
