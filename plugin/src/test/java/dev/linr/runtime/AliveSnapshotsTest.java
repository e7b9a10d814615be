package dev.linr.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.linr.translate.AllowedSlots;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliveSnapshotsTest {
  private static final int CAPACITY = 8;

  private NDManager manager;
  private AliveSnapshots snapshots;
  private PendingSlots pending;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    BitSet alive = new BitSet();
    alive.set(0, 4);
    snapshots = new AliveSnapshots(manager, CAPACITY, alive);
    pending = new PendingSlots(snapshots);
  }

  @AfterEach
  void close() {
    snapshots.close();
    manager.close();
  }

  private static boolean[] mask(AliveSnapshot s) {
    return s.mask().toBooleanArray();
  }

  /** Turns slots off as a delete does: publish, then tag each slot with the new version. */
  private void delete(long... slots) {
    long version = snapshots.publish(slots, new boolean[slots.length]);
    for (long s : slots) {
      pending.add(s, version);
    }
  }

  @Test
  void firstSnapshotHoldsTheInitialSlots() {
    AliveSnapshot s = snapshots.acquire();
    try {
      assertEquals(0, s.version());
      assertArrayEquals(
          new boolean[] {true, true, true, true, false, false, false, false}, mask(s));
    } finally {
      s.release();
    }
  }

  @Test
  void publishAppliesFlipsToACopy() {
    AliveSnapshot before = snapshots.acquire();
    try {
      long version = snapshots.publish(new long[] {1, 5}, new boolean[] {false, true});
      AliveSnapshot after = snapshots.acquire();
      try {
        assertEquals(1, version);
        assertEquals(1, after.version());
        assertArrayEquals(
            new boolean[] {true, false, true, true, false, true, false, false}, mask(after));
        assertArrayEquals(
            new boolean[] {true, true, true, true, false, false, false, false}, mask(before));
      } finally {
        after.release();
      }
    } finally {
      before.release();
    }
  }

  @Test
  void slotsFreedAfterAHeldSnapshotAreNotReusableUntilItIsReleased() {
    AliveSnapshot held = snapshots.acquire();
    delete(1);
    delete(2);
    assertArrayEquals(new long[0], pending.takeReusable());
    assertEquals(2, pending.size());
    held.release();
    assertArrayEquals(new long[] {1, 2}, pending.takeReusable());
    assertEquals(0, pending.size());
  }

  @Test
  void slotsFreedBeforeAHeldSnapshotAreReusableWhileItIsHeld() {
    delete(1);
    AliveSnapshot held = snapshots.acquire();
    try {
      delete(2);
      assertArrayEquals(new long[] {1}, pending.takeReusable());
      assertEquals(1, pending.size());
    } finally {
      held.release();
    }
    assertArrayEquals(new long[] {2}, pending.takeReusable());
  }

  @Test
  void slotsFreedWithNoSnapshotHeldAreReusableAtOnce() {
    delete(3, 0);
    assertArrayEquals(new long[] {3, 0}, pending.takeReusable());
  }

  @Test
  void releasingTheLastHolderClosesAReplacedSnapshot() {
    AliveSnapshot held = snapshots.acquire();
    delete(1);
    assertEquals(0, snapshots.oldestOpen());
    assertFalse(held.mask().isReleased());
    held.release();
    assertTrue(held.mask().isReleased());
    assertEquals(1, snapshots.oldestOpen());
    assertFalse(held.tryAcquire());
  }

  @Test
  void acquireAfterAPublishGetsTheNewSnapshot() {
    AliveSnapshot first = snapshots.acquire();
    first.release();
    delete(1);
    AliveSnapshot second = snapshots.acquire();
    try {
      assertNotSame(first, second);
      assertEquals(1, second.version());
    } finally {
      second.release();
    }
  }

  @Test
  void awaitReusableWaitsForTheSearchHoldingAnOlderSnapshot() throws Exception {
    AliveSnapshot held = snapshots.acquire();
    delete(2);
    AtomicReference<long[]> freed = new AtomicReference<>();
    Thread waiter = new Thread(() -> freed.set(pending.awaitReusable()), "linr-test-await-slots");
    waiter.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (waiter.getState() != Thread.State.WAITING) {
      assertTrue(waiter.isAlive(), "awaitReusable returned while an older snapshot was held");
      assertTrue(System.nanoTime() < deadline, "the waiter never waited");
      Thread.onSpinWait();
    }
    held.release();
    waiter.join();
    assertArrayEquals(new long[] {2}, freed.get());
  }

  @Test
  void closingAForwardPassLeavesTheSnapshotOpen() {
    AliveSnapshot held = snapshots.acquire();
    try {
      NDArray restricted;
      try (NDManager forward = manager.newSubManager()) {
        NDList inputs = new NDList();
        for (int i = 0; i < 7; i++) {
          inputs.add(forward.create(new boolean[0]));
        }
        NDList out = AllowedSlots.restrict(inputs, held.mask(), forward);
        restricted = out.get(5);
        assertSame(inputs.get(0), out.get(0));
        assertArrayEquals(mask(held), restricted.toBooleanArray());
      }
      assertTrue(restricted.isReleased());
      assertFalse(held.mask().isReleased());
      assertArrayEquals(
          new boolean[] {true, true, true, true, false, false, false, false}, mask(held));
    } finally {
      held.release();
    }
  }

  @Test
  void restrictAndsTheRequestsOwnMasks() {
    AliveSnapshot held = snapshots.acquire();
    try (NDManager forward = manager.newSubManager()) {
      NDList inputs = new NDList();
      for (int i = 0; i < 7; i++) {
        inputs.add(forward.create(new boolean[0]));
      }
      boolean[] requested = new boolean[2 * CAPACITY];
      requested[2] = true;
      requested[6] = true;
      requested[CAPACITY + 3] = true;
      inputs.set(5, forward.create(requested, new ai.djl.ndarray.types.Shape(2, CAPACITY)));
      boolean[] expected = new boolean[2 * CAPACITY];
      expected[2] = true;
      expected[CAPACITY + 3] = true;
      assertArrayEquals(
          expected, AllowedSlots.restrict(inputs, held.mask(), forward).get(5).toBooleanArray());
    } finally {
      held.release();
    }
  }

  @Test
  void acquireAfterCloseIsRefused() {
    snapshots.close();
    assertThrows(IllegalStateException.class, snapshots::acquire);
  }
}
