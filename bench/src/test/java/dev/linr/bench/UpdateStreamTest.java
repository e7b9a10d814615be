package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateStreamTest {
  private static final long ITEMS = 1000;
  private static final int BATCH = 7;
  private static final double EPSILON = 0.01;
  private static final Set<Long> PROTECTED = Set.of(1L, 2L, 3L, 500L);

  private final UpdateStream stream = new UpdateStream(ITEMS, 8, BATCH, PROTECTED, EPSILON, 3);

  @Test
  void aCycleHasBatchRewritesBatchNewIdsAndBatchDeletes() {
    for (long cycle : new long[] {0, 5, UpdateStream.LAG + 2}) {
      List<Long> rewrites = new ArrayList<>();
      List<Long> fresh = new ArrayList<>();
      for (int phase = 0; phase < 2; phase++) {
        UpdateStream.Batch b = stream.batch(3 * cycle + phase);
        assertFalse(b.isDelete());
        assertEquals(BATCH, b.size());
        int newHere = 0;
        for (String line : b.lines()) {
          long id = JsonParser.parseString(line).getAsJsonObject().get("id").getAsLong();
          if (id <= ITEMS) {
            rewrites.add(id);
          } else {
            fresh.add(id);
            newHere++;
          }
        }
        assertEquals(b.newItems(), newHere);
      }
      UpdateStream.Batch delete = stream.batch(3 * cycle + 2);
      assertTrue(delete.isDelete());
      assertEquals(BATCH, rewrites.size());
      assertEquals(BATCH, fresh.size());
      assertEquals(BATCH, delete.size());
      List<Long> expectedFresh = new ArrayList<>();
      for (long s = cycle * BATCH; s < (cycle + 1) * BATCH; s++) {
        expectedFresh.add(ITEMS + 1 + s);
      }
      assertEquals(expectedFresh, fresh);
    }
  }

  @Test
  void rewritesAreDistinctExistingUnprotectedIds() {
    for (long r = 0; r < 300; r += 3) {
      Set<Long> seen = new HashSet<>();
      for (String line : stream.batch(r).lines()) {
        long id = JsonParser.parseString(line).getAsJsonObject().get("id").getAsLong();
        if (id <= ITEMS) {
          assertTrue(id >= 1, "id " + id);
          assertFalse(PROTECTED.contains(id), "protected id " + id + " rewritten");
          assertTrue(seen.add(id), "id " + id + " twice in request " + r);
        }
      }
    }
  }

  @Test
  void deletesRemoveTheNewIdsOfTheCycleLagCyclesEarlier() {
    long cycle = UpdateStream.LAG + 3;
    Set<Long> inserted = new HashSet<>();
    for (int phase = 0; phase < 2; phase++) {
      for (String line : stream.batch(3 * (cycle - UpdateStream.LAG) + phase).lines()) {
        long id = JsonParser.parseString(line).getAsJsonObject().get("id").getAsLong();
        if (id > ITEMS) {
          inserted.add(id);
        }
      }
    }
    assertEquals(inserted, new HashSet<>(stream.batch(3 * cycle + 2).deleteIds()));
  }

  @Test
  void deletesBeforeTheFirstLagCyclesTargetIdsNeverInserted() {
    for (long id : stream.batch(2).deleteIds()) {
      assertTrue(id >= UpdateStream.ABSENT_BASE, "id " + id);
    }
  }

  @Test
  void everyUpsertedVectorHasNormAtMostEpsilon() {
    for (String line : stream.batch(4).lines()) {
      JsonArray v = JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("vector");
      assertEquals(8, v.size());
      double norm = 0;
      for (int i = 0; i < v.size(); i++) {
        norm += v.get(i).getAsDouble() * v.get(i).getAsDouble();
      }
      assertTrue(Math.sqrt(norm) <= EPSILON, "norm " + Math.sqrt(norm));
    }
  }

  @Test
  void theHttpBodiesAreJsonLinesAndAnIdsObject() {
    UpdateStream.Batch upsert = stream.batch(0);
    String[] lines = new String(upsert.body(), StandardCharsets.UTF_8).split("\n");
    assertEquals(upsert.lines(), List.of(lines));
    assertNull(upsert.deleteIds());
    UpdateStream.Batch delete = stream.batch(2);
    JsonObject o =
        JsonParser.parseString(new String(delete.body(), StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(delete.size(), o.getAsJsonArray("ids").size());
    assertEquals(delete.deleteIds().get(0), o.getAsJsonArray("ids").get(0).getAsLong());
  }

  @Test
  void tooFewUnprotectedIdsForABatchAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new UpdateStream(5, 8, 4, Set.of(1L, 2L), EPSILON, 3));
    assertTrue(e.getMessage().contains("at least 4 others"), e.getMessage());
  }
}
