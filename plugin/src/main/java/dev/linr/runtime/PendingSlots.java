package dev.linr.runtime;

import java.util.ArrayDeque;

/**
 * Slots turned off by a published {@link AliveSnapshot} that searches holding an older snapshot may
 * still read (vector, id, attributes): each is tagged with the version that turned it off and
 * becomes reusable once no snapshot older than that version is open. Tags arrive in publication
 * order, so the oldest pending slot is always first. Not thread-safe: the writer's.
 */
final class PendingSlots {
  private record Pending(long slot, long version) {}

  private final AliveSnapshots snapshots;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  /** Pending slots of the snapshots searches hold. */
  PendingSlots(AliveSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** Records a slot that the snapshot of {@code version} turned off. */
  void add(long slot, long version) {
    Pending last = pending.peekLast();
    if (last != null && last.version() > version) {
      throw new IllegalArgumentException(
          "slot " + slot + " tagged " + version + " after a slot tagged " + last.version());
    }
    pending.addLast(new Pending(slot, version));
  }

  /** Slots still pending. */
  int size() {
    return pending.size();
  }

  /** Removes and returns the slots no open snapshot can read any more (oldest first). */
  long[] takeReusable() {
    long oldestOpen = snapshots.oldestOpen();
    int n = 0;
    for (Pending p : pending) {
      if (p.version() > oldestOpen) {
        break;
      }
      n++;
    }
    long[] slots = new long[n];
    for (int i = 0; i < n; i++) {
      slots[i] = pending.pollFirst().slot();
    }
    return slots;
  }

  /**
   * Waits until every pending slot is reusable (the searches holding older snapshots have ended),
   * then removes and returns them all.
   */
  long[] awaitReusable() {
    Pending last = pending.peekLast();
    if (last != null) {
      snapshots.awaitOldestOpen(last.version());
    }
    return takeReusable();
  }
}
