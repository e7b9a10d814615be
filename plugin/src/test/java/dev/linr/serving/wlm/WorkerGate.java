package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A batch hook that holds every worker at the start of its batch until the test opens the gate;
 * after that batches pass straight through.
 */
final class WorkerGate implements Runnable {
  private final Semaphore arrived = new Semaphore(0);
  private final CountDownLatch open = new CountDownLatch(1);

  @Override
  public void run() {
    arrived.release();
    try {
      if (!open.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until {@code n} more batches are held at the gate. */
  void awaitBatches(int n) throws InterruptedException {
    assertTrue(arrived.tryAcquire(n, 60, TimeUnit.SECONDS), "no worker reached the gate");
  }

  void open() {
    open.countDown();
  }
}
