package dev.linr.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.linr.filter.Filter;
import dev.linr.filter.FilterParser;
import dev.linr.filter.FilterValidator;
import dev.linr.index.FilterOpcodes;
import dev.linr.index.FormatVersion;
import dev.linr.query.RequestParseException;
import dev.linr.query.SearchRequest;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Turns a batch of requests into the index model's inputs: {@code queries} float32 [B, d], {@code
 * k} int64 [1] (the batch's largest k), the batch's compiled filter programs ({@code filter_ops},
 * {@code filter_ints}, {@code filter_floats}; one program for every query when they all have the
 * same filter and the model takes it, see {@link #sendsOneProgram}), {@code allow} bool [B,
 * capacity] or empty, and {@code options} float64 [3] (compact threshold, forced path, the query
 * time in epoch seconds from the context's clock). Thread-safe.
 */
final class QueryEncoder {

  private final IndexContext context;
  private final int dimension;
  private final long capacity;
  private final FilterCompiler compiler;

  QueryEncoder(IndexContext context) {
    this.context = context;
    this.dimension = context.schema().dimension();
    this.capacity = context.metadata().capacity();
    this.compiler = new FilterCompiler(context.metadata());
  }

  NDList encode(NDManager manager, SearchBatch batch, SearchOptions options) {
    List<SearchRequest> requests = batch.requests();
    FloatBuffer queries = FloatBuffer.allocate(requests.size() * dimension);
    FilterProgram program = new FilterProgram();
    boolean once = sendsOneProgram(requests, context.metadata().formatVersion());
    for (int i = 0; i < requests.size(); i++) {
      SearchRequest r = requests.get(i);
      String prefix = requests.size() > 1 ? "queries[" + i + "]." : "";
      if (r.dimension() != dimension) {
        throw new RequestParseException(
            prefix + "vector",
            prefix + "vector has " + r.dimension() + " values, expected " + dimension);
      }
      r.copyVectorTo(queries.array(), i * dimension);
      if (r.filter().isPresent() && (!once || i == 0)) {
        // One program for every query (when once) is the first query's.
        compiler.compile(
            once ? FilterOpcodes.EVERY_QUERY : i, filter(r.filter().get(), prefix), program);
      }
    }
    return new NDList(
        manager.create(queries, new Shape(requests.size(), dimension)),
        manager.create(new long[] {batch.maxK()}),
        program.ops(manager),
        program.ints(manager),
        program.floats(manager),
        allowMask(manager, batch),
        manager.create(
            new double[] {
              options.compactThreshold(), options.path().code(), context.nowSeconds()
            }));
  }

  /**
   * Whether a batch's filter program goes to the model once, for every query: the model takes such
   * programs (format version 4 on) and the batch has two or more queries, each with the same filter
   * text. The model then evaluates it once, without comparing the queries' programs.
   */
  static boolean sendsOneProgram(List<SearchRequest> requests, int formatVersion) {
    if (requests.size() < 2 || !FormatVersion.takesEveryQueryPrograms(formatVersion)) {
      return false;
    }
    Optional<String> first = requests.get(0).filter();
    return first.isPresent() && requests.stream().allMatch(r -> r.filter().equals(first));
  }

  private Filter filter(String text, String prefix) {
    try {
      return FilterValidator.validate(FilterParser.parse(text), context.schema());
    } catch (RequestParseException e) {
      if (prefix.isEmpty()) {
        throw e;
      }
      throw new RequestParseException(prefix + e.field(), prefix + e.getMessage(), e);
    }
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
