package dev.linr.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.linr.index.BufferSpec;
import dev.linr.torchscript.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls the live update methods of a loaded index model ({@code write_rows}, {@code set_alive},
 * {@code reindex}; see {@link dev.linr.index.IndexProgram}), which DJL reaches only through {@link
 * IValueUtils#runMethod}. The only class that speaks to those methods. Tensors are created on the
 * model's device and freed after each call. Thread-safe as far as libtorch is; callers serialise
 * writes.
 */
final class IndexModelMethods {
  private final PtSymbolBlock block;
  private final NDManager manager;

  IndexModelMethods(PtSymbolBlock block, NDManager manager) {
    this.block = block;
    this.manager = manager;
  }

  /**
   * Copies rows into {@code slots} of the row buffers.
   *
   * @param data per buffer, the rows' bytes back to back (little-endian, in the buffer's dtype)
   */
  void writeRows(long[] slots, List<BufferSpec> buffers, List<ByteBuffer> data) {
    try (NDManager m = manager.newSubManager()) {
      PtNDArray[] rows = new PtNDArray[buffers.size()];
      for (int i = 0; i < rows.length; i++) {
        BufferSpec b = buffers.get(i);
        long[] shape = b.shape().clone();
        shape[0] = slots.length;
        rows[i] =
            (PtNDArray) m.create(carried(b.dtype(), data.get(i)), new Shape(shape), carrier(b));
      }
      call("write_rows", IValue.from((PtNDArray) m.create(slots)), IValue.listFrom(rows));
    }
  }

  /** Sets {@code alive[slots] = flags} and the high-water mark, in one call. */
  void setAlive(long[] slots, boolean[] flags, long hwm) {
    try (NDManager m = manager.newSubManager()) {
      call(
          "set_alive",
          IValue.from((PtNDArray) m.create(slots)),
          IValue.from((PtNDArray) m.create(flags)),
          IValue.from((PtNDArray) m.create(new long[] {hwm})));
    }
  }

  /**
   * Rebuilds the model's attribute index over its slots in use (see {@link
   * dev.linr.index.IndexLayout#indexBuffers()}). No search may run while it does.
   */
  void reindex() {
    call("reindex");
  }

  /**
   * Builds the attribute index of a freshly loaded model whose program has one (an index model, or
   * a model extended from one); other models are left as they are.
   */
  static void indexLoaded(Model model) {
    if (model.getBlock() instanceof PtSymbolBlock block
        && Arrays.asList(JniUtils.getMethodNames(block)).contains("reindex")) {
      new IndexModelMethods(block, model.getNDManager()).reindex();
    }
  }

  private void call(String method, IValue... args) {
    List<IValue> owned = new ArrayList<>(List.of(args));
    try {
      // As DJL's forward pass does (the setting is per thread): see ModelLoading.GRAPH_OPTIMIZER.
      String optimize = System.getProperty(ModelLoading.GRAPH_OPTIMIZER);
      if (optimize != null) {
        JniUtils.setGraphExecutorOptimize(Boolean.parseBoolean(optimize));
      }
      IValue result = IValueUtils.runMethod(block, method, args);
      owned.add(result);
      long written = result.toLong();
      if (written < 0) {
        throw new IllegalStateException(method + " returned " + written);
      }
    } finally {
      owned.forEach(IValue::close);
    }
  }

  /**
   * The rows in native order as the carrier type: int16 widened to int32 and bfloat16 to float32
   * (exact), since DJL's PyTorch engine cannot create those types from a buffer (the process
   * aborts); {@code write_rows} narrows them again.
   */
  private static ByteBuffer carried(TensorDType type, ByteBuffer rows) {
    ByteBuffer in = rows.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    boolean widen = type == TensorDType.INT16 || type == TensorDType.BFLOAT16;
    ByteBuffer out =
        ByteBuffer.allocateDirect(in.remaining() * (widen ? 2 : 1)).order(ByteOrder.nativeOrder());
    if (type == TensorDType.INT16) {
      while (in.hasRemaining()) {
        out.putInt(in.getShort());
      }
    } else if (type == TensorDType.BFLOAT16) {
      while (in.hasRemaining()) {
        out.putInt((in.getShort() & 0xFFFF) << 16);
      }
    } else {
      if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
        throw new UnsupportedOperationException("live updates need a little-endian platform");
      }
      out.put(in);
    }
    return out.flip();
  }

  private static DataType carrier(BufferSpec b) {
    switch (b.dtype()) {
      case FLOAT32:
      case BFLOAT16:
        return DataType.FLOAT32;
      case FLOAT16:
        return DataType.FLOAT16;
      case FLOAT64:
        return DataType.FLOAT64;
      case INT64:
        return DataType.INT64;
      case INT32:
      case INT16:
        return DataType.INT32;
      case INT8:
        return DataType.INT8;
      case UINT8:
        return DataType.UINT8;
      case BOOL:
        return DataType.BOOLEAN;
      default:
        throw new IllegalArgumentException("buffer " + b.name() + " has no carrier type");
    }
  }
}
