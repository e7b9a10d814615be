package dev.linr.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The published alive slots of a live model, copy-on-write: a writer {@link #publish}es a new
 * {@link AliveSnapshot} (a copy of the current one with its flips applied, on the model's device)
 * and swaps it in; a search {@link #acquire}s the current one, passes its mask to the forward pass
 * and releases it when its results are decoded. A snapshot stays open while anyone holds it, so
 * {@link #oldestOpen()} tells the writer which older states searches may still be reading.
 *
 * <p>Thread-safe: searches acquire and release from any thread; one writer at a time publishes.
 * Close it (after the last search) to release the current snapshot.
 */
final class AliveSnapshots implements AutoCloseable {
  private final NDManager parent;
  private final ConcurrentSkipListMap<Long, AliveSnapshot> open = new ConcurrentSkipListMap<>();
  private final Object closedSignal = new Object();
  private volatile AliveSnapshot current;

  /**
   * The first snapshot, version 0.
   *
   * @param parent the model's manager (each snapshot gets a sub-manager of it)
   * @param alive the slots alive at first
   */
  AliveSnapshots(NDManager parent, long capacity, BitSet alive) {
    if (capacity > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("capacity too large for an alive mask: " + capacity);
    }
    this.parent = parent;
    ByteBuffer bytes = ByteBuffer.allocateDirect((int) capacity);
    for (int s = alive.nextSetBit(0); s >= 0 && s < capacity; s = alive.nextSetBit(s + 1)) {
      bytes.put(s, (byte) 1);
    }
    NDManager manager = parent.newSubManager();
    NDArray mask = manager.create(bytes, new Shape(1, capacity), DataType.BOOLEAN);
    install(new AliveSnapshot(0, manager, mask, this::closed));
  }

  /** The current snapshot, held by the caller until it calls {@link AliveSnapshot#release()}. */
  AliveSnapshot acquire() {
    while (true) {
      AliveSnapshot s = current;
      if (s == null) {
        throw new IllegalStateException("the alive snapshots are closed");
      }
      if (s.tryAcquire()) {
        return s;
      }
      // Replaced and closed between the read and the acquire: the next read sees its successor.
    }
  }

  /** The current version. */
  long version() {
    return current.version();
  }

  /**
   * Publishes a copy of the current snapshot with {@code alive[slots[i]] = flags[i]}.
   *
   * @return the new version
   */
  long publish(long[] slots, boolean[] flags) {
    if (slots.length != flags.length) {
      throw new IllegalArgumentException(slots.length + " slots but " + flags.length + " flags");
    }
    AliveSnapshot old = current;
    NDManager manager = parent.newSubManager();
    NDArray next;
    try (NDManager scratch = parent.newSubManager()) {
      next = old.mask().put(scratch.create(slots), scratch.create(flags));
      next.attach(manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    AliveSnapshot published = new AliveSnapshot(old.version() + 1, manager, next, this::closed);
    install(published);
    old.release();
    return published.version();
  }

  private void install(AliveSnapshot s) {
    open.put(s.version(), s);
    current = s;
  }

  /**
   * The oldest version still open (held by a search, or current). A state that a snapshot of
   * version v replaced is read by no search once this is at least v.
   */
  long oldestOpen() {
    var first = open.firstEntry();
    return first == null ? Long.MAX_VALUE : first.getKey();
  }

  /** Waits until every snapshot older than {@code version} is closed. */
  void awaitOldestOpen(long version) {
    synchronized (closedSignal) {
      boolean interrupted = false;
      while (oldestOpen() < version) {
        try {
          closedSignal.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void closed(AliveSnapshot s) {
    open.remove(s.version());
    synchronized (closedSignal) {
      closedSignal.notifyAll();
    }
  }

  /** Releases the current snapshot; it closes once the searches holding it release it too. */
  @Override
  public void close() {
    AliveSnapshot s = current;
    if (s != null) {
      current = null;
      s.release();
    }
  }
}
