package dev.linr.serving.wlm;

import ai.djl.Device;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.linr.serving.ServiceUnavailableException;
import dev.linr.serving.metrics.ServerMetrics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The job queue and worker threads of one model version: dynamic batching as DJL Serving does it.
 * Thread-safe.
 *
 * <p>Jobs wait in a queue bounded by {@code job_queue_size}. Each worker takes the jobs waiting (up
 * to {@code batch_size}), waits at most {@code max_batch_delay} in total for more to fill the
 * batch, runs the batch through the {@link BatchRunner} and completes each job's future. Workers
 * run between {@code minWorkers} and {@code maxWorkers}: one is added when more jobs wait than
 * workers are idle, and a worker above the minimum stops after {@code max_idle_time} without work.
 * Threads are named {@code linr-worker-<model>-<n>}.
 *
 * <p>{@link #close()} refuses new jobs, lets the queued and running ones finish, waits for every
 * worker to stop and then closes the runner.
 */
final class WorkerPool implements AutoCloseable {
  private final String model;
  private final BatchRunner runner;
  private final ServerMetrics metrics;
  private final Device device;
  private final int capacity;
  private final int batchSize;
  private final long maxBatchDelayNanos;
  private final long maxIdleNanos;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition jobsWaiting = lock.newCondition();
  private final Condition stopped = lock.newCondition();
  private final Condition closingBegun = lock.newCondition();
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicLong batches = new AtomicLong();
  private int minWorkers;
  private int maxWorkers;
  private int running;
  private int nextId = 1;
  private boolean closing;
  private boolean runnerClosed;
  private volatile Runnable batchHook = () -> {};

  /**
   * Starts {@code settings.minWorkers()} workers.
   *
   * @param model the model name, for thread names and metrics
   * @param runner runs the batches; the pool closes it
   * @param device where the workers' model runs, for {@link #workers()}
   */
  WorkerPool(
      String model,
      BatchRunner runner,
      ModelSettings settings,
      Device device,
      ServerMetrics metrics) {
    this.model = model;
    this.runner = runner;
    this.metrics = metrics;
    this.device = device;
    this.capacity = settings.jobQueueSize();
    this.batchSize = settings.batchSize();
    this.maxBatchDelayNanos = TimeUnit.MILLISECONDS.toNanos(settings.maxBatchDelayMillis());
    this.maxIdleNanos = TimeUnit.SECONDS.toNanos(settings.maxIdleSeconds());
    this.minWorkers = settings.minWorkers();
    this.maxWorkers = settings.maxWorkers();
    lock.lock();
    try {
      while (workers.size() < minWorkers) {
        startWorker();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues one job.
   *
   * @throws ServiceUnavailableException if the queue is full or the pool is closing
   */
  CompletableFuture<Output> submit(Input input) {
    Job job = new Job(input);
    lock.lock();
    try {
      if (closing) {
        throw new ServiceUnavailableException(
            "model " + model + " is being unloaded and takes no new jobs");
      }
      if (queue.size() >= capacity) {
        throw new ServiceUnavailableException(
            "model "
                + model
                + ": the job queue is full ("
                + capacity
                + " jobs waiting, job_queue_size="
                + capacity
                + "); retry later");
      }
      queue.addLast(job);
      jobsWaiting.signalAll();
      growIfBackedUp();
    } finally {
      lock.unlock();
    }
    return job.result();
  }

  /**
   * Sets the worker range, starting workers up to the new minimum and stopping those above the new
   * maximum (idle ones first; busy ones stop after their batch).
   */
  void scale(int min, int max) {
    lock.lock();
    try {
      minWorkers = min;
      maxWorkers = max;
      while (workers.size() > max) {
        Worker w = workers.stream().filter(x -> !x.busy).findFirst().orElse(workers.get(0));
        w.retiring = true;
        workers.remove(w);
      }
      while (workers.size() < min) {
        startWorker();
      }
      growIfBackedUp();
      jobsWaiting.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int minWorkers() {
    lock.lock();
    try {
      return minWorkers;
    } finally {
      lock.unlock();
    }
  }

  int maxWorkers() {
    lock.lock();
    try {
      return maxWorkers;
    } finally {
      lock.unlock();
    }
  }

  /** Jobs waiting for a worker. */
  int queueDepth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** The workers serving now, oldest first. */
  List<WorkerInfo> workers() {
    lock.lock();
    try {
      List<WorkerInfo> out = new ArrayList<>(workers.size());
      for (Worker w : workers) {
        out.add(new WorkerInfo(w.id, w.started, w.busy, device));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Batches run so far. */
  long batches() {
    return batches.get();
  }

  /**
   * Runs {@code hook} on the worker's thread after it took a batch and before the batch runs; tests
   * use it to hold a worker deterministically.
   */
  void setBatchHook(Runnable hook) {
    batchHook = hook;
  }

  /** Whether {@link #close()} has begun. */
  boolean closing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #close()} has begun refusing jobs; tests use it to order events. */
  void awaitClosing() throws InterruptedException {
    lock.lock();
    try {
      while (!closing) {
        closingBegun.await();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    boolean interrupted = false;
    lock.lock();
    try {
      closing = true;
      closingBegun.signalAll();
      if (!queue.isEmpty() && workers.isEmpty()) {
        startWorker();
      }
      jobsWaiting.signalAll();
      while (running > 0) {
        try {
          stopped.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (runnerClosed) {
        return;
      }
      runnerClosed = true;
    } finally {
      lock.unlock();
    }
    try {
      runner.close();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Adds a worker when more jobs wait than workers are idle. Holds the lock. */
  private void growIfBackedUp() {
    long idle = workers.stream().filter(w -> !w.busy).count();
    if (queue.size() > idle && workers.size() < maxWorkers) {
      startWorker();
    }
  }

  /** Holds the lock. */
  private void startWorker() {
    Worker w = new Worker(nextId++);
    workers.add(w);
    running++;
    Thread t = new Thread(() -> work(w), "linr-worker-" + model + "-" + w.id);
    t.setDaemon(true);
    t.start();
  }

  private void work(Worker w) {
    try {
      for (List<Job> batch = takeBatch(w); batch != null; batch = takeBatch(w)) {
        batchHook.run();
        runBatch(batch);
      }
    } finally {
      lock.lock();
      try {
        workers.remove(w);
        running--;
        stopped.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** The next batch for {@code w}, or null when the worker should stop. */
  private List<Job> takeBatch(Worker w) {
    lock.lock();
    try {
      w.busy = false;
      if (w.retiring) {
        return null;
      }
      long idleSince = System.nanoTime();
      while (queue.isEmpty()) {
        if (w.retiring || closing) {
          return null;
        }
        if (workers.size() > minWorkers) {
          long left = idleSince + maxIdleNanos - System.nanoTime();
          if (left <= 0) {
            workers.remove(w);
            return null;
          }
          jobsWaiting.awaitNanos(left);
        } else {
          jobsWaiting.await();
        }
      }
      w.busy = true;
      List<Job> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
      long deadline = System.nanoTime() + maxBatchDelayNanos;
      while (true) {
        while (batch.size() < batchSize && !queue.isEmpty()) {
          batch.add(queue.pollFirst());
        }
        long left = deadline - System.nanoTime();
        if (batch.size() >= batchSize || closing || left <= 0) {
          return batch;
        }
        jobsWaiting.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      // Worker threads are only interrupted at shutdown of the JVM's own pools; stop this one.
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  private void runBatch(List<Job> batch) {
    long start = System.nanoTime();
    List<Input> inputs = new ArrayList<>(batch.size());
    for (Job j : batch) {
      inputs.add(j.input());
    }
    List<JobOutcome> outcomes;
    try {
      outcomes = runner.run(inputs);
    } catch (RuntimeException | Error e) {
      outcomes = Collections.nCopies(batch.size(), JobOutcome.failed(e));
    }
    if (outcomes == null) {
      outcomes = List.of();
    }
    // Counted before any job is answered: whoever holds an answer sees its batch counted.
    batches.incrementAndGet();
    metrics.batchRan(model, batch.size(), System.nanoTime() - start);
    for (int i = 0; i < batch.size(); i++) {
      batch
          .get(i)
          .complete(
              i < outcomes.size()
                  ? outcomes.get(i)
                  : JobOutcome.failed(
                      new IllegalStateException(
                          "model "
                              + model
                              + " gave "
                              + outcomes.size()
                              + " answers for a batch of "
                              + batch.size())));
    }
  }

  /** A worker's state; guarded by the pool's lock. */
  private static final class Worker {
    final int id;
    final Instant started = Instant.now();
    boolean busy;
    boolean retiring;

    Worker(int id) {
      this.id = id;
    }
  }

  /**
   * One worker as {@code describe} shows it.
   *
   * @param id the worker's number within the model, from 1
   * @param started when its thread started
   * @param busy whether it is running or filling a batch
   * @param device where its model runs
   */
  record WorkerInfo(int id, Instant started, boolean busy, Device device) {}
}
