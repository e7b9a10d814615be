package dev.linr.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.linr.index.FormatVersion;
import dev.linr.index.IndexProgram;
import dev.linr.translate.SearchPath;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a CPU index model's automatic searches on one intra-op thread first, limited to small work,
 * and repeats a search the model declines on every thread.
 *
 * <p>libtorch splits an operator over its intra-op threads once the operator is large enough for
 * libtorch or MKL; a thread that sleeps between operators takes tens of microseconds to wake on a
 * shared host, more than a selective search's whole product. So a search whose work is small (a
 * selective filter's indexed candidates, or any search of a small index) runs fastest on one
 * thread, and a scan needs them all. The model knows which it is only once it has planned: a call
 * carrying a work limit ({@code options[3]}, format version 3 on) answers within it, or declines
 * (path {@link IndexProgram#DECLINED}, after its planning only), and the search then runs again
 * without the limit. The thread count is set for the calling thread alone (libtorch's OpenMP and
 * MKL settings are per thread) and put back after each call. Measured in one process with one
 * calling thread, a filter per query over 6,400 rows of 128 values ran 6% slower on one thread than
 * on two, over 2,560 rows 9% faster, and batches sharing a filter over 200 rows 26% faster
 * (BENCHMARKS.md, "One thread for small searches").
 */
final class SmallWorkFirstBlock extends AbstractBlock {
  private final Block model;
  private final int threads;
  private final long limit;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong declined = new AtomicLong();

  /** Capacity times dimension: over the limit, a search without a filter or slots is not tried. */
  private final long everyRow;

  private SmallWorkFirstBlock(Block model, int threads, long limit, long everyRow) {
    this.model = model;
    this.threads = threads;
    this.limit = limit;
    this.everyRow = everyRow;
  }

  /**
   * Wraps a loaded index model's block when its program limits work, it runs on the CPU and {@code
   * limit} (values, see {@link dev.linr.translate.SearchOptions#smallWork}) is above 0; other
   * models keep their block.
   *
   * @param everyRow the index's capacity times its dimension
   */
  static void wrap(Model model, int formatVersion, long limit, long everyRow) {
    if (limit <= 0
        || model.getNDManager().getDevice().isGpu()
        || !FormatVersion.limitsWork(formatVersion)
        || !(model.getBlock() instanceof PtSymbolBlock)) {
      return;
    }
    model.setBlock(
        new SmallWorkFirstBlock(model.getBlock(), JniUtils.getNumThreads(), limit, everyRow));
  }

  /** How many searches a loaded index model answered on one thread and how many it declined. */
  static SmallWorkCounts counts(Model model) {
    if (model.getBlock() instanceof SmallWorkFirstBlock wrapper) {
      return new SmallWorkCounts(wrapper.answered.get(), wrapper.declined.get());
    }
    return new SmallWorkCounts(0, 0);
  }

  /** The TorchScript block of a loaded index model, wrapped or not. */
  static PtSymbolBlock symbolBlock(Model model) {
    Block block = model.getBlock();
    if (block instanceof SmallWorkFirstBlock wrapper) {
      block = wrapper.model;
    }
    return (PtSymbolBlock) block;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray options = inputs.get(IndexProgram.OPTIONS_INPUT);
    double[] values = options.toDoubleArray();
    if (values.length != 3 || values[1] != SearchPath.AUTO.code() || readsEveryRow(inputs)) {
      // Set on every call: a thread whose first operator ran while another had set one thread
      // took that count.
      JniUtils.setNumThreads(threads);
      return model.forward(store, inputs, training, params);
    }
    NDArray limited =
        options.getManager().create(new double[] {values[0], values[1], values[2], limit});
    limited.setName(options.getName());
    NDList small = new NDList(inputs);
    small.set(IndexProgram.OPTIONS_INPUT, limited);
    NDList answer;
    JniUtils.setNumThreads(1);
    try {
      answer = model.forward(store, small, training, params);
    } finally {
      JniUtils.setNumThreads(threads);
    }
    if (answer.get(IndexProgram.PATH_OUTPUT).toLongArray()[0] != IndexProgram.DECLINED) {
      answered.incrementAndGet();
      return answer;
    }
    declined.incrementAndGet();
    answer.close();
    return model.forward(store, inputs, training, params);
  }

  /** A batch without filters or allowed slots on an index over the limit reads every row. */
  private boolean readsEveryRow(NDList inputs) {
    return everyRow > limit
        && inputs.get(IndexProgram.FILTER_OPS_INPUT).size() == 0
        && inputs.get(IndexProgram.ALLOW_INPUT).size() == 0;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return model.getOutputShapes(inputShapes);
  }
}
