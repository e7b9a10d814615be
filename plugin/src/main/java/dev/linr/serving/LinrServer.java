package dev.linr.serving;

import dev.linr.serving.config.ModelStore;
import dev.linr.serving.config.ServerAddress;
import dev.linr.serving.config.ServerConfig;
import dev.linr.serving.config.StartupModel;
import dev.linr.serving.http.HttpServer;
import dev.linr.serving.metrics.ServerMetrics;
import dev.linr.serving.wlm.ModelRegistry;
import dev.linr.serving.workflow.WorkflowRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linr server: configuration in, registries loaded, HTTP listening.
 *
 * <pre>{@code
 * try (LinrServer server = LinrServer.start(ServerConfig.builder().optModelStore(dir).optPort(0).build())) {
 *   URI ping = URI.create(server.inferenceAddress().url() + "/ping");
 * }
 * }</pre>
 *
 * <p>{@link #start} loads what the configuration names (every archive and workflow of the model
 * store by default; a model that fails to load is recorded, so {@code /ping} answers 500, and the
 * others serve), then binds. {@link #stop()} stops accepting connections, lets running requests
 * finish (up to {@link #SHUTDOWN_GRACE}), then closes the workflows and the models. Thread-safe;
 * the server owns its registries and threads.
 */
public final class LinrServer implements AutoCloseable {
  /** How long {@link #stop()} waits for running requests. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(LinrServer.class);
  private static final int LOADER_THREADS = 4;

  private final ServerMetrics metrics;
  private final ModelRegistry models;
  private final WorkflowRegistry workflows;
  private final ExecutorService loader;
  private final HttpServer http;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LinrServer(
      ServerMetrics metrics,
      ModelRegistry models,
      WorkflowRegistry workflows,
      ExecutorService loader,
      HttpServer http) {
    this.metrics = metrics;
    this.models = models;
    this.workflows = workflows;
    this.loader = loader;
    this.http = http;
  }

  /**
   * Loads the start-up models and workflows and starts listening.
   *
   * @throws IllegalArgumentException for a bad model store or an address that cannot be bound
   */
  public static LinrServer start(ServerConfig config) throws IOException {
    List<StartupModel> startup = ModelStore.startupModels(config);
    noteProcessSettings();
    ServerMetrics metrics = new ServerMetrics();
    ModelRegistry models =
        new ModelRegistry(config.modelDefaults(), metrics, config.updateSettings());
    WorkflowRegistry workflows = null;
    ExecutorService loader = null;
    try {
      workflows = new WorkflowRegistry(models);
      for (StartupModel m : startup) {
        load(m, models, workflows);
      }
      loader = loader();
      HttpServer http = HttpServer.start(config, models, workflows, metrics, loader);
      return new LinrServer(metrics, models, workflows, loader, http);
    } catch (RuntimeException | Error e) {
      closeQuietly(loader, workflows, models, e);
      throw e;
    }
  }

  /**
   * Logs a hint for each process setting left at a default that costs searches, which the process
   * cannot change once started: libtorch's OpenMP threads spinning between operators (./linr sets
   * {@code OMP_WAIT_POLICY=PASSIVE}), and glibc handing large freed blocks back to the kernel
   * (./linr sets {@code MALLOC_MMAP_THRESHOLD_} and {@code MALLOC_TRIM_THRESHOLD_}).
   */
  private static void noteProcessSettings() {
    if (System.getenv("OMP_WAIT_POLICY") == null) {
      LOG.info(
          "OMP_WAIT_POLICY is not set: libtorch's idle threads spin between operators; with"
              + " OMP_WAIT_POLICY=PASSIVE (what ./linr sets) selective filtered searches ran up to"
              + " 2x faster on 2 cores (BENCHMARKS.md)");
    }
    if (System.getenv("MALLOC_TRIM_THRESHOLD_") == null) {
      LOG.info(
          "MALLOC_TRIM_THRESHOLD_ is not set: glibc hands freed memory back to the kernel, and"
              + " libtorch's next large buffer is faulted in again; with the allocator settings"
              + " ./linr makes, batches with a filter per query answered up to 1.6x as many"
              + " queries per second on 2 cores (BENCHMARKS.md, \"Large buffers\")");
    }
  }

  private static void load(StartupModel m, ModelRegistry models, WorkflowRegistry workflows) {
    try {
      if (m.workflow()) {
        workflows.register(m.spec().url(), m.spec().name(), true);
      } else {
        models.register(m.spec(), true);
      }
      LOG.info("loaded {} from {}", m.name(), m.spec().url());
    } catch (RuntimeException e) {
      LOG.error("{} failed to load from {}: {}", m.name(), m.spec().url(), e.getMessage());
      models.recordFailedLoad(m.name(), e);
    }
  }

  private static ExecutorService loader() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            LOADER_THREADS,
            LOADER_THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DefaultThreadFactory("linr-model-loader", true));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The bound inference address (the actual port when port 0 was configured). */
  public ServerAddress inferenceAddress() {
    return http.inferenceAddress();
  }

  /** The bound management address; equal to the inference address when they share a port. */
  public ServerAddress managementAddress() {
    return http.managementAddress();
  }

  /** HTTP requests received and not yet answered. */
  public int inFlightRequests() {
    return http.inFlightRequests();
  }

  public ModelRegistry models() {
    return models;
  }

  public WorkflowRegistry workflows() {
    return workflows;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Graceful shutdown: stops accepting connections, lets running requests finish (up to {@link
   * #SHUTDOWN_GRACE}), then closes the workflows, the models and the loader threads. Idempotent; a
   * second caller waits for the first to finish.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      awaitStoppedUninterruptibly();
      return;
    }
    try {
      http.close(SHUTDOWN_GRACE);
      closeQuietly(loader, workflows, models, null);
    } finally {
      stopped.countDown();
    }
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void awaitStoppedUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void closeQuietly(
      ExecutorService loader, WorkflowRegistry workflows, ModelRegistry models, Throwable primary) {
    if (loader != null) {
      loader.shutdown();
      try {
        if (!loader.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
          LOG.warn("model loads still running at shutdown");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AutoCloseable c : new AutoCloseable[] {workflows, models}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else {
          LOG.warn("closing {} failed", c.getClass().getSimpleName(), e);
        }
      }
    }
  }
}
