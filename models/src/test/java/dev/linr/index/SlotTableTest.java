package dev.linr.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotTableTest {
  @Test
  void longLongMapAgreesWithHashMapUnderRandomPutsAndRemoves() {
    LongLongMap map = new LongLongMap(4);
    Map<Long, Long> reference = new HashMap<>();
    Random r = new Random(17);
    for (int i = 0; i < 200_000; i++) {
      // A small key range makes long probe runs and many removals inside them.
      long key = r.nextInt(10) == 0 ? Long.MIN_VALUE : r.nextInt(3000) * 1024L;
      if (r.nextInt(3) == 0) {
        assertEquals(reference.remove(key) != null, map.remove(key), "remove " + key);
      } else {
        long value = r.nextLong();
        reference.put(key, value);
        map.put(key, value);
      }
      long probe = r.nextInt(3000) * 1024L;
      assertEquals(reference.getOrDefault(probe, -7L), map.get(probe, -7), "get " + probe);
      assertEquals(reference.size(), map.size());
    }
  }

  @Test
  void newRowsTakeTheLowestFreeSlotThenTheMarkUntilFull() {
    SlotTable t = new SlotTable(5, 3);
    t.load(0, 10, IndexLayout.NEVER);
    t.load(2, 12, IndexLayout.NEVER);
    assertEquals(1, t.reserve()); // never loaded below the mark: free
    assertEquals(3, t.reserve());
    t.bind(11, 1, IndexLayout.NEVER);
    t.bind(13, 3, IndexLayout.NEVER);
    assertEquals(0, t.remove(10));
    assertEquals(0, t.reserve());
    assertEquals(4, t.reserve());
    assertEquals(-1, t.reserve());
    assertEquals(5, t.hwm());
  }

  @Test
  void expiredListsBoundSlotsAtOrBeforeNow() {
    SlotTable t = new SlotTable(4, 3);
    t.load(0, 1, 100);
    t.load(1, 2, 101);
    t.load(2, 3, IndexLayout.NEVER);
    assertArrayEquals(new long[] {0}, t.expired(100));
    assertArrayEquals(new long[] {0, 1}, t.expired(101));
  }

  @Test
  void unboundSlotIsNotReusedUntilReleased() {
    SlotTable t = new SlotTable(4, 2);
    t.load(0, 10, IndexLayout.NEVER);
    t.load(1, 11, IndexLayout.NEVER);
    assertEquals(0, t.unbind(10));
    assertEquals(-1, t.slotOf(10));
    assertEquals(1, t.size());
    assertFalse(t.bound(0));
    assertEquals(2, t.reserve());
    t.release(0);
    assertEquals(0, t.reserve());
  }

  @Test
  void retiredSlotIsNeitherExpiredNorReused() {
    SlotTable t = new SlotTable(4, 1);
    t.load(0, 10, 100);
    assertEquals(1, t.reserve());
    assertEquals(0, t.bind(10, 1, 100));
    t.retire(0);
    assertTrue(t.bound(1));
    assertFalse(t.bound(0));
    assertArrayEquals(new long[] {1}, t.expired(100));
    assertEquals(2, t.reserve());
  }
}
