package dev.linr.serving.http;

import java.time.Duration;

/**
 * Counts requests that have arrived and are not yet answered, so that shutdown can wait for them;
 * once draining, new requests are turned away. Thread-safe.
 */
final class InFlight {
  private int running;
  private boolean draining;

  synchronized void enter() {
    running++;
  }

  synchronized void exit() {
    if (--running == 0) {
      notifyAll();
    }
  }

  synchronized int running() {
    return running;
  }

  /** From now on, new requests are refused. */
  synchronized void drain() {
    draining = true;
  }

  synchronized boolean draining() {
    return draining;
  }

  /**
   * Waits until no request is running, or the timeout passes.
   *
   * @return whether none is running
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
