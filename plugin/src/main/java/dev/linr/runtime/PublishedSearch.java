package dev.linr.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.translate.AllowedSlots;
import java.util.concurrent.locks.Lock;

/**
 * One search of a live model: it holds the {@link AliveSnapshot} current when it began from start
 * to {@link #close()}, and restricts the model's {@code allow} input to that snapshot's slots, so
 * the forward pass sees exactly the items published then, whatever updates run meanwhile. The
 * update lock is held only while the translator reads the Java-side tables (dictionaries when
 * compiling the request, the id table and overlay when decoding hits), never across the forward
 * pass. One instance per search; not shared between threads.
 */
final class PublishedSearch<I, O> implements Translator<I, O>, SearchScope.Search<I, O> {
  private final Translator<I, O> delegate;
  private final AliveSnapshot snapshot;
  private final Lock tablesLock;

  /**
   * @param snapshot acquired by the caller; released by {@link #close()}
   * @param tablesLock the read side of the lock updates take to extend the Java-side tables
   */
  PublishedSearch(Translator<I, O> delegate, AliveSnapshot snapshot, Lock tablesLock) {
    this.delegate = delegate;
    this.snapshot = snapshot;
    this.tablesLock = tablesLock;
  }

  @Override
  public Translator<I, O> translator() {
    return this;
  }

  @Override
  public Batchifier getBatchifier() {
    return delegate.getBatchifier();
  }

  @Override
  public void prepare(TranslatorContext ctx) throws Exception {
    delegate.prepare(ctx);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, I input) throws Exception {
    NDList inputs;
    tablesLock.lock();
    try {
      inputs = delegate.processInput(ctx, input);
    } finally {
      tablesLock.unlock();
    }
    return AllowedSlots.restrict(inputs, snapshot.mask(), ctx.getNDManager());
  }

  @Override
  public O processOutput(TranslatorContext ctx, NDList list) throws Exception {
    tablesLock.lock();
    try {
      return delegate.processOutput(ctx, list);
    } finally {
      tablesLock.unlock();
    }
  }

  /** Releases the snapshot. */
  @Override
  public void close() {
    snapshot.release();
  }
}
