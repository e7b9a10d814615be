package dev.linr.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.linr.query.RequestParseException;
import dev.linr.query.SearchRequest;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.BitSet;
import java.util.List;

/**
 * Turns a batch of requests into the index model's inputs: {@code queries} float32 [B, d], {@code
 * k} int64 [1] (the batch's largest k) and {@code allow} bool [B, capacity], or an empty tensor
 * when no query restricts its slots.
 */
final class QueryEncoder {
  private final int dimension;
  private final long capacity;

  QueryEncoder(int dimension, long capacity) {
    this.dimension = dimension;
    this.capacity = capacity;
  }

  NDList encode(NDManager manager, SearchBatch batch) {
    List<SearchRequest> requests = batch.requests();
    FloatBuffer queries = FloatBuffer.allocate(requests.size() * dimension);
    for (int i = 0; i < requests.size(); i++) {
      SearchRequest r = requests.get(i);
      String prefix = requests.size() > 1 ? "queries[" + i + "]." : "";
      if (r.dimension() != dimension) {
        throw new RequestParseException(
            prefix + "vector",
            prefix + "vector has " + r.dimension() + " values, expected " + dimension);
      }
      if (r.filter().isPresent()) {
        throw new RequestParseException(
            prefix + "filter", "attribute filters are not supported by this index format");
      }
      r.copyVectorTo(queries.array(), i * dimension);
    }
    NDArray q = manager.create(queries, new Shape(requests.size(), dimension));
    NDArray k = manager.create(new long[] {batch.maxK()});
    return new NDList(q, k, allowMask(manager, batch));
  }

  private NDArray allowMask(NDManager manager, SearchBatch batch) {
    if (batch.allow().isEmpty()) {
      return manager.create(new boolean[0]);
    }
    long cells = Math.multiplyExact(batch.size(), capacity);
    if (cells > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "allow masks of " + batch.size() + " x " + capacity + " slots are too large");
    }
    ByteBuffer mask = ByteBuffer.allocateDirect((int) cells);
    for (int i = 0; i < batch.size(); i++) {
      BitSet allowed = batch.allow().get(i);
      for (int s = allowed.nextSetBit(0); s >= 0 && s < capacity; s = allowed.nextSetBit(s + 1)) {
        mask.put((int) (i * capacity + s), (byte) 1);
      }
    }
    return manager.create(mask, new Shape(batch.size(), capacity), DataType.BOOLEAN);
  }
}
