package dev.linr.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One published state of which slots of a live model hold items: a bool NDArray [1, capacity] on
 * the model's device, never changed once published, and a count of its holders. {@link
 * AliveSnapshots} holds one reference while the snapshot is current; each search holds one from
 * {@link AliveSnapshots#acquire()} to {@link #release()}. The last release closes the array (it
 * owns the manager the array is attached to). Thread-safe.
 */
final class AliveSnapshot {
  private final long version;
  private final NDManager manager;
  private final NDArray mask;
  private final Consumer<AliveSnapshot> onClose;
  private final AtomicInteger holders = new AtomicInteger(1);

  /**
   * @param manager owns {@code mask}; closed by the last release
   * @param onClose called once, after the array is closed
   */
  AliveSnapshot(long version, NDManager manager, NDArray mask, Consumer<AliveSnapshot> onClose) {
    this.version = version;
    this.manager = manager;
    this.mask = mask;
    this.onClose = onClose;
  }

  /** Publication order: each snapshot's version is one more than the one it replaced. */
  long version() {
    return version;
  }

  /** The alive slots, bool [1, capacity]; valid only while the caller holds the snapshot. */
  NDArray mask() {
    return mask;
  }

  /** Adds a holder, unless the snapshot is closed already. */
  boolean tryAcquire() {
    while (true) {
      int n = holders.get();
      if (n == 0) {
        return false;
      }
      if (holders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a holder; the last one closes the array. */
  void release() {
    int n = holders.decrementAndGet();
    if (n < 0) {
      throw new IllegalStateException("alive snapshot " + version + " released too often");
    }
    if (n == 0) {
      manager.close();
      onClose.accept(this);
    }
  }
}
